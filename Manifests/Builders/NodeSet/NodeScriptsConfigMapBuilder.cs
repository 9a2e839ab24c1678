using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders.NodeSet;

/// <summary>The ConfigMap holding <see cref="NodeScripts"/>; each container mounts only its own files.</summary>
public static class NodeScriptsConfigMapBuilder
{
    /// <summary>Name of the scripts ConfigMap.</summary>
    public static string Name(ClusterSpec spec) => $"{spec.Name}-node-scripts";

    /// <summary>Builds the ConfigMap.</summary>
    public static V1ConfigMap Build(ClusterSpec spec) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = ObjectMeta.For(spec, Name(spec), "node-scripts"),
        Data = NodeScripts.Files(spec),
    };
}
