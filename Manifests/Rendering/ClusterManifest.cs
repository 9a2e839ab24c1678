using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;

namespace Ipfs.Manifests.Rendering;

/// <summary>
/// Every object of a cluster, grouped by component in apply order. This is what render writes and
/// what the Pulumi components register; both call the same builders.
/// </summary>
public static partial class ClusterManifest
{
    /// <summary>Component names in apply order.</summary>
    public static class Components
    {
        /// <summary>The namespace.</summary>
        public const string Namespace = "namespace";

        /// <summary>Secrets (rendered into a file of their own).</summary>
        public const string Secrets = "secrets";

        /// <summary>Storage classes and backups.</summary>
        public const string Storage = "storage";

        /// <summary>Services and NetworkPolicies.</summary>
        public const string Network = "network";

        /// <summary>The IPFS node set.</summary>
        public const string NodeSet = "node-set";

        /// <summary>Scraping, alert rules and dashboard.</summary>
        public const string Monitoring = "monitoring";
    }

    /// <summary>Builds every component for <paramref name="spec"/> with <paramref name="material"/>.</summary>
    public static IReadOnlyList<ManifestComponent> Build(ClusterSpec spec, SecretMaterial material) =>
    [
        new(Components.Namespace, [NamespaceBuilder.Build(spec)]),
        new(Components.Storage, StorageObjects(spec)),
        new(Components.Secrets, ClusterSecretsBuilder.Build(spec, material).Cast<IKubernetesObject<V1ObjectMeta>>().ToList()),
        new(Components.Network, NetworkObjects(spec)),
        new(Components.NodeSet, NodeSetObjects(spec, material.Identities, SecretsChecksum.Compute(spec, material))),
        new(Components.Monitoring, MonitoringObjects(spec)),
    ];

    /// <summary>
    /// The node set's objects; they depend only on public identities and on the keyed digest of the
    /// Secrets (<see cref="SecretsChecksum"/>), never on secret values.
    /// </summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> NodeSetObjects(ClusterSpec spec, ClusterIdentities ids, string secretsChecksum)
    {
        var peerDirectory = PeerAddressesBuilder.Build(spec, ids);
        var scripts = NodeScriptsConfigMapBuilder.Build(spec);
        return
        [
            peerDirectory,
            scripts,
            PeerServiceBuilder.Build(spec),
            StatefulSetBuilder.Build(spec, peerDirectory, scripts, secretsChecksum),
            DisruptionBudgetBuilder.Build(spec),
        ];
    }
}
