using Ipfs.Manifests.Builders.Network;
using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;

namespace Ipfs.Manifests.Rendering;

public static partial class ClusterManifest
{
    /// <summary>
    /// The network component's objects; they depend only on the spec. NetworkPolicies come first, so
    /// nothing is reachable before the policies that fence it exist; then the internal Services, the
    /// per-pod swarm Services (only with exposure) and the gateway Ingress (only when enabled).
    /// </summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> NetworkObjects(ClusterSpec spec)
    {
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        objects.AddRange(NetworkPolicyBuilder.Build(spec));
        objects.Add(ServiceBuilder.Api(spec));
        objects.Add(ServiceBuilder.Gateway(spec));
        objects.AddRange(SwarmExposureBuilder.Build(spec));
        if (IngressBuilder.Build(spec) is { } ingress) objects.Add(ingress);
        return objects;
    }
}
