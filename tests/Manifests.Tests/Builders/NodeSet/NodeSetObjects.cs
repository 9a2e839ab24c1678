using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Tests.Builders.NodeSet;

/// <summary>The node set's objects by kind, built with fixed identities.</summary>
internal sealed class NodeSetObjects(ClusterSpec spec)
{
    private readonly IReadOnlyList<k8s.IKubernetesObject<V1ObjectMeta>> _objects =
        ClusterManifest.NodeSetObjects(spec, TestSpecs.Material(spec).Identities, SecretsChecksum.Compute(spec, TestSpecs.Material(spec)));

    public V1StatefulSet StatefulSet => _objects.OfType<V1StatefulSet>().Single();

    public V1Service PeerService => _objects.OfType<V1Service>().Single();

    public V1PodDisruptionBudget Budget => _objects.OfType<V1PodDisruptionBudget>().Single();

    public V1ConfigMap PeerDirectory => _objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name.EndsWith("-peer-addresses", StringComparison.Ordinal));

    public V1ConfigMap Scripts => _objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name.EndsWith("-node-scripts", StringComparison.Ordinal));

    public V1PodSpec Pod => StatefulSet.Spec.Template.Spec;

    public V1Container Kubo => Pod.Containers.Single(c => c.Name == "kubo");

    public V1Container Cluster => Pod.Containers.Single(c => c.Name == "cluster");

    public static string? Env(V1Container container, string name) => container.Env.SingleOrDefault(e => e.Name == name)?.Value;
}
