using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders;

/// <summary>Standard app.kubernetes.io labels and metadata shared by every builder.</summary>
public static class ObjectMeta
{
    /// <summary>Value of app.kubernetes.io/managed-by on every object.</summary>
    public const string ManagedBy = "ipfs-infra";

    /// <summary>Labels that select the cluster's pods (stable for the life of the StatefulSet).</summary>
    public static SortedDictionary<string, string> SelectorLabels(ClusterSpec spec) => new(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/name"] = "ipfs-cluster",
        ["app.kubernetes.io/instance"] = spec.Name,
    };

    /// <summary>Selector labels plus component, part-of and managed-by.</summary>
    public static SortedDictionary<string, string> Labels(ClusterSpec spec, string component)
    {
        var labels = SelectorLabels(spec);
        labels["app.kubernetes.io/component"] = component;
        labels["app.kubernetes.io/part-of"] = "ipfs";
        labels["app.kubernetes.io/managed-by"] = ManagedBy;
        return labels;
    }

    /// <summary>Metadata of a namespaced object of the cluster.</summary>
    public static V1ObjectMeta For(ClusterSpec spec, string name, string component) => new()
    {
        Name = name,
        NamespaceProperty = spec.Namespace,
        Labels = Labels(spec, component),
    };
}
