using System.Text;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders;

/// <summary>
/// The public peer directory: every peer's ID, one line per ordinal, and one address template per
/// kind that the pods' scripts fill in with a line's ordinal and ID. A pod picks its own identity by
/// ordinal and peers with every other line, so no pod is special and losing pod 0 strands nobody.
/// One list for all pods keeps the ConfigMap linear in the peer count, and the templates keep it
/// small: at 1000 peers with the longest names it stays under the 256 KiB last-applied annotation
/// of client-side `kubectl apply`. Addresses are <c>/dns/</c> multiaddrs under the configured
/// cluster domain: go-libp2p resolves <c>/dns/</c> to A and AAAA records at every dial
/// (<c>/dns4/</c> would take A records only and leave IPv6-only clusters without peers).
/// </summary>
public static class PeerAddressesBuilder
{
    /// <summary>ConfigMap key: lines "ordinal peerID" of the cluster peers.</summary>
    public const string ClusterPeersKey = "cluster-peers";

    /// <summary>ConfigMap key: lines "ordinal peerID" of the kubo nodes.</summary>
    public const string KuboPeersKey = "kubo-peers";

    /// <summary>ConfigMap key: <see cref="ClusterPeerAddress"/> with <see cref="OrdinalPlaceholder"/> and <see cref="IdPlaceholder"/>.</summary>
    public const string ClusterAddressKey = "cluster-address";

    /// <summary>ConfigMap key: <see cref="KuboPeerAddress"/> with <see cref="OrdinalPlaceholder"/> (and <see cref="IdPlaceholder"/> where it has one).</summary>
    public const string KuboAddressKey = "kubo-address";

    /// <summary>Stands for a line's ordinal in an address template.</summary>
    public const string OrdinalPlaceholder = "{ordinal}";

    /// <summary>Stands for a line's peer ID in an address template.</summary>
    public const string IdPlaceholder = "{id}";

    /// <summary>ConfigMap key: "*" to trust every peer; empty to trust exactly the peers of <see cref="ClusterPeersKey"/> (crdt trusted_peers).</summary>
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

        var clusterTemplate = Template(spec, i => ClusterPeerAddress(spec, i, IdPlaceholder));
        var kuboTemplate = Template(spec, i => KuboPeerAddress(spec, i));
        var cluster = new StringBuilder();
        var kubo = new StringBuilder();
        for (var i = 0; i < spec.Peers; i++)
        {
            cluster.Append(i).Append(' ').Append(ids.ClusterPeerIds[i]).Append('\n');
            kubo.Append(i).Append(' ').Append(ids.KuboPeerIds[i]).Append('\n');
            if (Expand(clusterTemplate, i, ids.ClusterPeerIds[i]) != ClusterPeerAddress(spec, i, ids.ClusterPeerIds[i])
                || Expand(kuboTemplate, i, ids.KuboPeerIds[i]) != KuboPeerAddress(spec, i))
                throw new InvalidOperationException($"The peer address templates do not give ordinal {i}'s addresses.");
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
                [ClusterAddressKey] = clusterTemplate,
                [KuboAddressKey] = kuboTemplate,
                [TrustedPeersKey] = spec.Cluster.TrustAllPeers ? "*" : "",
            },
        };
    }

    /// <summary>An address template filled in with <paramref name="ordinal"/> and <paramref name="peerId"/>, as the pods' scripts fill it in.</summary>
    public static string Expand(string template, int ordinal, string peerId) => template
        .Replace(OrdinalPlaceholder, ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace(IdPlaceholder, peerId, StringComparison.Ordinal);

    /// <summary>The address of pod 0 with its pod name made a template (the builder checks every ordinal against it).</summary>
    private static string Template(ClusterSpec spec, Func<int, string> address) =>
        address(0).Replace($"/{spec.Names.Pod(0)}.", $"/{spec.Names.StatefulSet}-{OrdinalPlaceholder}.", StringComparison.Ordinal);
}
