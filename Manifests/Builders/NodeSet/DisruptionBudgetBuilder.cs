using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders.NodeSet;

/// <summary>At most one peer down for voluntary disruptions (drains, upgrades).</summary>
public static class DisruptionBudgetBuilder
{
    /// <summary>Builds the PodDisruptionBudget.</summary>
    public static V1PodDisruptionBudget Build(ClusterSpec spec) => new()
    {
        ApiVersion = "policy/v1",
        Kind = "PodDisruptionBudget",
        Metadata = ObjectMeta.For(spec, spec.Name, "node"),
        Spec = new V1PodDisruptionBudgetSpec
        {
            MaxUnavailable = 1,
            Selector = new V1LabelSelector { MatchLabels = ObjectMeta.SelectorLabels(spec) },
        },
    };
}
