using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;

namespace Ipfs.Manifests.Rendering;

public static partial class ClusterManifest
{
    /// <summary>The monitoring component's objects; they depend only on the spec.</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> MonitoringObjects(ClusterSpec spec) => [];
}
