using System.Text;
using Ipfs.Manifests.Builders.Network;
using Ipfs.Manifests.Serialization;
using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Builders.NodeSet;

/// <summary>
/// The shell scripts that make a pod become "peer N" at every start. They run under the images'
/// busybox <c>sh</c>, read the pod's ordinal from its name, pick that ordinal's identity and peer
/// with every other line of the peer directory. Values from the spec are baked in, so the scripts'
/// ConfigMap changes (and the pods roll) whenever a setting does.
/// </summary>
public static class NodeScripts
{
    /// <summary>Where the peer directory ConfigMap is mounted.</summary>
    public const string PeersDirectory = "/peers";

    /// <summary>Where the identities Secret is mounted.</summary>
    public const string IdentitiesDirectory = "/identities";

    /// <summary>Where the swarm key Secret is mounted (private swarm).</summary>
    public const string SwarmKeyDirectory = "/swarm";

    /// <summary>kubo's repo path in the image.</summary>
    public const string KuboRepo = "/data/ipfs";

    /// <summary>ipfs-cluster's config path in the image.</summary>
    public const string ClusterRepo = "/data/ipfs-cluster";

    /// <summary>kubo's init-script folder: its entrypoint runs every *.sh there before the daemon, at every start.</summary>
    public const string KuboInitDirectory = "/container-init.d";

    /// <summary>Script key: selects the kubo identity.</summary>
    public const string KuboIdentityScript = "010-kubo-identity.sh";

    /// <summary>Script key: applies the stack's kubo settings.</summary>
    public const string KuboConfigScript = "020-kubo-config.sh";

    /// <summary>Script key: ipfs-cluster start wrapper.</summary>
    public const string ClusterStartScript = "start-cluster.sh";

    private const string SelectOrdinal = """
        ordinal="${POD_NAME##*-}"
        case "$ordinal" in
          ''|*[!0-9]*) echo "ipfs-infra: cannot read an ordinal from POD_NAME='${POD_NAME}'" >&2; exit 1 ;;
        esac

        """;

    /// <summary>kubo: set Identity.PeerID and Identity.PrivKey of this ordinal in the repo config.</summary>
    public static string KuboIdentity() =>
        "#!/bin/sh\n" +
        "# Makes this pod's kubo node the peer of its ordinal at every start: a restarted, restored or\n" +
        "# re-initialised repo always comes back with the same identity. `ipfs config` refuses to touch\n" +
        "# Identity.PrivKey, so the two fields are replaced in the config file itself.\n" +
        "set -eu\n" +
        SelectOrdinal +
        $"peer_id=\"$(awk -v o=\"$ordinal\" '$1 == o {{ print $2 }}' {PeersDirectory}/{PeerAddressesBuilder.KuboPeersKey})\"\n" +
        $"key_file=\"{IdentitiesDirectory}/kubo-$ordinal.key\"\n" +
        "if [ -z \"$peer_id\" ] || [ ! -r \"$key_file\" ]; then\n" +
        "  echo \"ipfs-infra: no kubo identity for ordinal $ordinal\" >&2\n" +
        "  exit 1\n" +
        "fi\n" +
        "private_key=\"$(cat \"$key_file\")\"\n" +
        "config=\"${IPFS_PATH:-" + KuboRepo + "}/config\"\n" +
        "if ! grep -q '\"PrivKey\": \"' \"$config\" || ! grep -q '\"PeerID\": \"' \"$config\"; then\n" +
        "  echo \"ipfs-infra: $config has no Identity.PeerID/PrivKey to set\" >&2\n" +
        "  exit 1\n" +
        "fi\n" +
        "sed -i -e \"s|\\\"PeerID\\\": \\\"[^\\\"]*\\\"|\\\"PeerID\\\": \\\"$peer_id\\\"|\" -e \"s|\\\"PrivKey\\\": \\\"[^\\\"]*\\\"|\\\"PrivKey\\\": \\\"$private_key\\\"|\" \"$config\"\n" +
        "echo \"ipfs-infra: kubo identity of ordinal $ordinal is $peer_id\"\n";

    /// <summary>kubo: addresses, capacity, connection and resource limits, filters, peering and private mode.</summary>
    public static string KuboConfig(ClusterSpec spec)
    {
        var limits = spec.Resources.Kubo;
        var filters = KuboAddressFilters.For(spec.Network.ClusterCidrs);
        var swarm = spec.Network.PrivateSwarm
            ? new[] { $"/ip4/0.0.0.0/tcp/{Ports.KuboSwarm}", $"/ip6/::/tcp/{Ports.KuboSwarm}" }
            : [
                $"/ip4/0.0.0.0/tcp/{Ports.KuboSwarm}", $"/ip6/::/tcp/{Ports.KuboSwarm}",
                $"/ip4/0.0.0.0/udp/{Ports.KuboSwarm}/quic-v1", $"/ip6/::/udp/{Ports.KuboSwarm}/quic-v1",
                $"/ip4/0.0.0.0/udp/{Ports.KuboSwarm}/quic-v1/webtransport", $"/ip6/::/udp/{Ports.KuboSwarm}/quic-v1/webtransport",
            ];
        var connMgr = new Dictionary<string, object>
        {
            ["Type"] = "basic",
            ["LowWater"] = PodSizing.ConnectionsLowWater(limits.MemoryLimit),
            ["HighWater"] = PodSizing.ConnectionsHighWater(limits.MemoryLimit),
            ["GracePeriod"] = "1m0s",
        };

        var text = new StringBuilder();
        text.Append("#!/bin/sh\n")
            .Append("# Applies the stack's kubo settings at every start (IPFS_PROFILE acts only at first init).\n")
            .Append("# The server profile is not used: its AddrFilters would cut the pod-to-pod links; the\n")
            .Append("# filters below are its list without the Kubernetes cluster's own ranges.\n")
            .Append("set -eu\n")
            .Append(SelectOrdinal)
            .Append($"ipfs config Addresses.API /ip4/0.0.0.0/tcp/{Ports.KuboApi}\n")
            .Append($"ipfs config Addresses.Gateway /ip4/0.0.0.0/tcp/{Ports.KuboGateway}\n")
            .Append($"ipfs config --json Addresses.Swarm {Json(swarm)}\n")
            .Append($"ipfs config Datastore.StorageMax {PodSizing.StorageMax(spec.Storage.DataSize)}\n")
            .Append($"ipfs config --json Swarm.ConnMgr {Json(connMgr)}\n")
            .Append($"ipfs config Swarm.ResourceMgr.MaxMemory {PodSizing.ResourceManagerMaxMemory(limits.MemoryLimit)}\n")
            .Append($"ipfs config --json Swarm.AddrFilters {Json(filters)}\n")
            .Append($"ipfs config --json Addresses.NoAnnounce {Json(filters)}\n")
            .Append("peers=\"$(awk -v o=\"$ordinal\" 'BEGIN { printf \"[\" } $1 != o { printf \"%s{\\\"ID\\\":\\\"%s\\\",\\\"Addrs\\\":[\\\"%s\\\"]}\", sep, $2, $3; sep = \",\" } END { printf \"]\" }' ")
            .Append($"{PeersDirectory}/{PeerAddressesBuilder.KuboPeersKey})\"\n")
            .Append("ipfs config --json Peering.Peers \"$peers\"\n")
            .Append("# Multicast discovery finds nothing on a pod network; peers come from Peering.Peers.\n")
            .Append("ipfs config --json Discovery.MDNS.Enabled false\n")
            .Append(SwarmAnnouncement.Script(spec))
            .Append("repo=\"${IPFS_PATH:-" + KuboRepo + "}\"\n");

        if (spec.Network.PrivateSwarm)
        {
            text.Append("# Private swarm: only peers holding the swarm key connect; nothing public is contacted.\n")
                .Append("ipfs config --json AutoConf.Enabled false\n")
                .Append("ipfs config --json Bootstrap '[]'\n")
                .Append("ipfs config --json DNS.Resolvers '{}'\n")
                .Append("ipfs config --json Routing.DelegatedRouters '[]'\n")
                .Append("ipfs config --json Ipns.DelegatedPublishers '[]'\n")
                .Append("ipfs config Routing.Type dht\n")
                .Append("ipfs config --json Swarm.Transports.Network.QUIC false\n")
                .Append("ipfs config --json Swarm.Transports.Network.WebTransport false\n")
                .Append("ipfs config --json Swarm.Transports.Network.WebRTCDirect false\n")
                .Append("ipfs config --json AutoTLS.Enabled false\n") // its certificate broker (libp2p.direct) is public
                .Append("rm -f \"$repo/swarm.key\"\n")
                .Append($"cp {SwarmKeyDirectory}/{ClusterSecretsBuilder.SwarmKeyKey} \"$repo/swarm.key\"\n")
                .Append("chmod 0400 \"$repo/swarm.key\"\n");
        }
        else
        {
            // Settings are re-applied at every start, so a cluster switched back from private mode
            // must get kubo's defaults back, or it would stay on the private network.
            text.Append("# Public swarm: kubo's defaults for everything private mode changes, and no swarm key.\n")
                .Append("rm -f \"$repo/swarm.key\"\n")
                .Append("ipfs config --json AutoConf.Enabled null\n")
                .Append("ipfs config --json Bootstrap '[\"auto\"]'\n")
                .Append("ipfs config --json DNS.Resolvers '{\".\":\"auto\"}'\n")
                .Append("ipfs config --json Routing.DelegatedRouters '[\"auto\"]'\n")
                .Append("ipfs config --json Ipns.DelegatedPublishers '[\"auto\"]'\n")
                .Append("ipfs config --json Routing.Type null\n")
                .Append("ipfs config --json Swarm.Transports.Network.QUIC null\n")
                .Append("ipfs config --json Swarm.Transports.Network.WebTransport null\n")
                .Append("ipfs config --json Swarm.Transports.Network.WebRTCDirect null\n")
                .Append("ipfs config --json AutoTLS.Enabled null\n");
        }
        return text.ToString();
    }

    /// <summary>ipfs-cluster: export this ordinal's identity, the other peers and the trusted peers, then start.</summary>
    public static string ClusterStart() =>
        "#!/bin/sh\n" +
        "# Starts this pod's ipfs-cluster peer as the peer of its ordinal. CLUSTER_* variables override\n" +
        "# service.json and identity.json at every start, so nothing here depends on what is on disk.\n" +
        "set -eu\n" +
        SelectOrdinal +
        $"peers_file={PeersDirectory}/{PeerAddressesBuilder.ClusterPeersKey}\n" +
        "CLUSTER_ID=\"$(awk -v o=\"$ordinal\" '$1 == o { print $2 }' \"$peers_file\")\"\n" +
        $"key_file=\"{IdentitiesDirectory}/cluster-$ordinal.key\"\n" +
        "if [ -z \"$CLUSTER_ID\" ] || [ ! -r \"$key_file\" ]; then\n" +
        "  echo \"ipfs-infra: no cluster identity for ordinal $ordinal\" >&2\n" +
        "  exit 1\n" +
        "fi\n" +
        "CLUSTER_PRIVATEKEY=\"$(cat \"$key_file\")\"\n" +
        "CLUSTER_PEERADDRESSES=\"$(awk -v o=\"$ordinal\" '$1 != o { printf \"%s%s\", sep, $3; sep = \",\" }' \"$peers_file\")\"\n" +
        $"CLUSTER_CRDT_TRUSTEDPEERS=\"$(cat {PeersDirectory}/{PeerAddressesBuilder.TrustedPeersKey})\"\n" +
        "export CLUSTER_ID CLUSTER_PRIVATEKEY CLUSTER_PEERADDRESSES CLUSTER_CRDT_TRUSTEDPEERS\n" +
        "echo \"ipfs-infra: cluster peer of ordinal $ordinal is $CLUSTER_ID\"\n" +
        "exec /usr/local/bin/entrypoint.sh daemon\n";

    private static string Json(object value) => "'" + ManifestJson.Serialize(value) + "'";
}
