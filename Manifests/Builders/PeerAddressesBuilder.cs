using System.Text;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders;

/// <summary>
/// The public peer directory: every peer's ID and stable address, one line per ordinal. A pod
/// picks its own identity by ordinal and peers with every other line, so no pod is special and
/// losing pod 0 strands nobody. One list for all pods keeps the ConfigMap linear in the peer count.
/// Addresses are <c>/dns/</c> multiaddrs under the configured cluster domain: go-libp2p resolves
/// <c>/dns/</c> to A and AAAA records at every dial (<c>/dns4/</c> would take A records only and
/// leave IPv6-only clusters without peers).
/// </summary>
public static class PeerAddressesBuilder
{
    /// <summary>ConfigMap key: lines "ordinal peerID /dns/…/tcp/9096/p2p/peerID" of the cluster peers.</summary>
    public const string ClusterPeersKey = "cluster-peers";

    /// <summary>ConfigMap key: lines "ordinal peerID /dns/…/tcp/4001" of the kubo nodes.</summary>
    public const string KuboPeersKey = "kubo-peers";

    /// <summary>ConfigMap key: CLUSTER_CRDT_TRUSTEDPEERS value (every cluster peer ID, or "*").</summary>
    public const string TrustedPeersKey = "trusted-peers";

    /// <summary>ipfs-cluster swarm port.</summary>
    public const int ClusterSwarmPort = 9096;

    /// <summary>kubo swarm port.</summary>
    public const int KuboSwarmPort = 4001;

    /// <summary>Cluster peer multiaddress of <paramref name="ordinal"/>.</summary>
    public static string ClusterPeerAddress(ClusterSpec spec, int ordinal, string peerId) =>
        $"/dns/{spec.Names.PodDns(ordinal)}/tcp/{ClusterSwarmPort}/p2p/{peerId}";

    /// <summary>kubo swarm multiaddress of <paramref name="ordinal"/> (without /p2p, as Peering.Peers wants).</summary>
    public static string KuboPeerAddress(ClusterSpec spec, int ordinal) =>
        $"/dns/{spec.Names.PodDns(ordinal)}/tcp/{KuboSwarmPort}";

    /// <summary>Builds the ConfigMap.</summary>
    public static V1ConfigMap Build(ClusterSpec spec, ClusterIdentities ids)
    {
        if (ids.ClusterPeerIds.Count != spec.Peers || ids.KuboPeerIds.Count != spec.Peers)
            throw new ArgumentException($"Expected {spec.Peers} identities of each kind.", nameof(ids));

        var cluster = new StringBuilder();
        var kubo = new StringBuilder();
        for (var i = 0; i < spec.Peers; i++)
        {
            cluster.Append(i).Append(' ').Append(ids.ClusterPeerIds[i]).Append(' ').Append(ClusterPeerAddress(spec, i, ids.ClusterPeerIds[i])).Append('\n');
            kubo.Append(i).Append(' ').Append(ids.KuboPeerIds[i]).Append(' ').Append(KuboPeerAddress(spec, i)).Append('\n');
        }

        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = ObjectMeta.For(spec, spec.Names.PeerAddresses, "peer-directory"),
            Data = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                [ClusterPeersKey] = cluster.ToString(),
                [KuboPeersKey] = kubo.ToString(),
                [TrustedPeersKey] = spec.Cluster.TrustAllPeers ? "*" : string.Join(',', ids.ClusterPeerIds),
            },
        };
    }
}
