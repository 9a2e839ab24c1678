using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ipfs.Manifests.Builders.Network;
using Ipfs.Manifests.Scripts;
using Ipfs.Manifests.Serialization;
using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Builders.NodeSet;

/// <summary>
/// What makes a pod become "peer N" at every start: the scripts (Manifests/Scripts, run under the
/// images' busybox <c>sh</c>) and the values they read. The scripts read the pod's ordinal from its
/// name, pick that ordinal's identity and peer with every other line of the peer directory. The
/// values follow the spec, so the scripts' ConfigMap changes (and the pods roll) whenever a setting does.
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

    /// <summary>kubo's init-script folder: its entrypoint runs every *.sh there before the daemon, at every start, in name order.</summary>
    public const string KuboInitDirectory = "/container-init.d";

    /// <summary>Where the cluster container's scripts are mounted.</summary>
    public const string ClusterScriptsDirectory = "/scripts";

    /// <summary>Script key: checks the repo version and runs kubo's repo migration, before any config edit.</summary>
    public const string KuboRepoScript = "010-kubo-repo.sh";

    /// <summary>Script key: sets this ordinal's identity and the stack's kubo settings in one pass.</summary>
    public const string KuboConfigScript = "020-kubo-config.sh";

    /// <summary>Script key: ipfs-cluster start wrapper.</summary>
    public const string ClusterStartScript = "start-cluster.sh";

    /// <summary>Key of the awk program both containers' scripts edit JSON config files with.</summary>
    public const string JsonSetProgram = "json-set.awk";

    /// <summary>Key of the awk program both containers' scripts turn the peer directory into peer lists with.</summary>
    public const string PeerListProgram = "peer-list.awk";

    /// <summary>Key of kubo's settings file: lines "ordinal-or-*&lt;TAB&gt;key&lt;TAB&gt;JSON value".</summary>
    public const string KuboSettingsFile = "kubo-settings";

    /// <summary>Every file of the scripts ConfigMap.</summary>
    public static SortedDictionary<string, string> Files(ClusterSpec spec) => new(StringComparer.Ordinal)
    {
        [KuboRepoScript] = PodScripts.Read("kubo-repo.sh"),
        [KuboConfigScript] = PodScripts.Read("kubo-config.sh"),
        [ClusterStartScript] = PodScripts.Read("cluster-start.sh"),
        [JsonSetProgram] = PodScripts.Read(JsonSetProgram),
        [PeerListProgram] = PodScripts.Read(PeerListProgram),
        [KuboSettingsFile] = KuboSettingsText(spec),
    };

    /// <summary>
    /// The kubo settings this stack applies at every start, as (ordinal or "*", key, JSON value):
    /// addresses, capacity, connection and resource limits, filters, announcements and private or
    /// public mode. Identity.* and Peering.Peers come from the identities and the peer directory.
    /// The server profile is not used: its AddrFilters would cut the pod-to-pod links; the filters
    /// here are its list without the Kubernetes cluster's own ranges.
    /// </summary>
    public static IReadOnlyList<(string Selector, string Key, JsonNode? Value)> KuboSettings(ClusterSpec spec)
    {
        var limits = spec.Resources.Kubo;
        var filters = KuboAddressFilters.For(spec.Network.ClusterCidrs);
        var swarm = new List<string> { $"/ip4/0.0.0.0/tcp/{Ports.KuboSwarm}", $"/ip6/::/tcp/{Ports.KuboSwarm}" };
        if (!spec.Network.PrivateSwarm)
            swarm.AddRange(
            [
                $"/ip4/0.0.0.0/udp/{Ports.KuboSwarm}/quic-v1", $"/ip6/::/udp/{Ports.KuboSwarm}/quic-v1",
                $"/ip4/0.0.0.0/udp/{Ports.KuboSwarm}/quic-v1/webtransport", $"/ip6/::/udp/{Ports.KuboSwarm}/quic-v1/webtransport",
            ]);
        var connMgr = new JsonObject
        {
            ["Type"] = "basic",
            ["LowWater"] = PodSizing.ConnectionsLowWater(limits.MemoryLimit),
            ["HighWater"] = PodSizing.ConnectionsHighWater(limits.MemoryLimit),
            ["GracePeriod"] = "1m0s",
        };

        var settings = new List<(string, string, JsonNode?)>
        {
            ("*", "Addresses.API", $"/ip4/0.0.0.0/tcp/{Ports.KuboApi}"),
            ("*", "Addresses.Gateway", $"/ip4/0.0.0.0/tcp/{Ports.KuboGateway}"),
            ("*", "Addresses.Swarm", List(swarm)),
            ("*", "Datastore.StorageMax", PodSizing.StorageMax(spec.Storage.DataSize)),
            ("*", "Swarm.ConnMgr", connMgr),
            ("*", "Swarm.ResourceMgr.MaxMemory", PodSizing.ResourceManagerMaxMemory(limits.MemoryLimit)),
            ("*", "Swarm.AddrFilters", List(filters)),
            ("*", "Addresses.NoAnnounce", List(filters)),
            // Multicast discovery finds nothing on a pod network; peers come from Peering.Peers.
            ("*", "Discovery.MDNS.Enabled", false),
        };
        foreach (var (selector, addresses) in SwarmAnnouncement.Settings(spec))
            settings.Add((selector, "Addresses.AppendAnnounce", List(addresses)));

        // Settings are re-applied at every start, so a cluster switched back from private mode gets
        // kubo's defaults (null) back, or it would stay on the private network.
        var priv = spec.Network.PrivateSwarm;
        JsonNode? Off(bool privateValue) => priv ? JsonValue.Create(privateValue) : null;
        settings.AddRange(
        [
            ("*", "AutoConf.Enabled", Off(false)),
            ("*", "Bootstrap", priv ? new JsonArray() : List(["auto"])),
            ("*", "DNS.Resolvers", priv ? new JsonObject() : new JsonObject { ["."] = "auto" }),
            ("*", "Routing.DelegatedRouters", priv ? new JsonArray() : List(["auto"])),
            ("*", "Ipns.DelegatedPublishers", priv ? new JsonArray() : List(["auto"])),
            // kubo 0.43 refuses Routing.Type auto on a private network (daemon.go validateDaemonConfig).
            ("*", "Routing.Type", priv ? "dht" : null),
            // A private network takes TCP only (core/node/libp2p/transport.go): QUIC, WebTransport and
            // WebRTC Direct refuse to start, and WebSocket logs an error at every start.
            ("*", "Swarm.Transports.Network.QUIC", Off(false)),
            ("*", "Swarm.Transports.Network.WebTransport", Off(false)),
            ("*", "Swarm.Transports.Network.WebRTCDirect", Off(false)),
            ("*", "Swarm.Transports.Network.Websocket", Off(false)),
            // AutoTLS's certificate broker (libp2p.direct) is public.
            ("*", "AutoTLS.Enabled", Off(false)),
        ]);
        return settings;
    }

    /// <summary>The settings file: one line per setting, "ordinal-or-*&lt;TAB&gt;key&lt;TAB&gt;compact JSON".</summary>
    public static string KuboSettingsText(ClusterSpec spec)
    {
        var text = new StringBuilder();
        foreach (var (selector, key, value) in KuboSettings(spec))
            text.Append(selector).Append('\t').Append(key).Append('\t').Append(value?.ToJsonString(Compact) ?? "null").Append('\n');
        return text.ToString();
    }

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonArray List(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);
}
