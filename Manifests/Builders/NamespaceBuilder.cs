using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders;

/// <summary>The cluster's namespace, enforcing the Pod Security Standards "restricted" profile.</summary>
public static class NamespaceBuilder
{
    /// <summary>Builds the Namespace object.</summary>
    public static V1Namespace Build(ClusterSpec spec)
    {
        var labels = ObjectMeta.Labels(spec, "namespace");
        labels["pod-security.kubernetes.io/enforce"] = "restricted";
        labels["pod-security.kubernetes.io/audit"] = "restricted";
        labels["pod-security.kubernetes.io/warn"] = "restricted";
        return new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = new V1ObjectMeta { Name = spec.Namespace, Labels = labels },
        };
    }
}
