using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Config;

internal static partial class SpecSections
{
    /// <summary>The network.* keys as a <see cref="NetworkSpec"/>.</summary>
    public static NetworkSpec Network(Func<string, object?> value) =>
        new((bool)value("network.privateSwarm")!, (List<string>)value("network.clusterCidrs")!);

    /// <summary>Cross-key rules of the network.* keys.</summary>
    public static void ValidateNetwork(ClusterSpec spec, Action<string, object, string> problem)
    {
    }
}
