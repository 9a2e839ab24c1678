using System.Net;
using System.Net.Sockets;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Builders.Network;

/// <summary>
/// The public swarm addresses kubo announces (<c>Addresses.AppendAnnounce</c>), matching the
/// exposure Services: a node address with the pod's node port, or the pod's load-balancer address
/// with 4001. The setting is rewritten at every start, so turning exposure off (or a pod moving to
/// another node) never leaves a stale address in the repo's config.
/// </summary>
public static class SwarmAnnouncement
{
    /// <summary>Environment variable holding the pod's node address (downward API status.hostIP).</summary>
    public const string HostIpVariable = "HOST_IP";

    /// <summary>Whether the kubo container needs <see cref="HostIpVariable"/>: NodePort exposure announcing each pod's own node.</summary>
    public static bool NeedsHostIp(ClusterSpec spec) =>
        spec.Network.Exposure == SwarmExposure.NodePort && spec.Network.NodePort.NodeAddresses.Count == 0;

    /// <summary>
    /// The multiaddresses pod <paramref name="ordinal"/> announces, with <paramref name="hostIp"/>
    /// standing in for the node address when that is only known at start.
    /// </summary>
    public static IReadOnlyList<string> Addresses(ClusterSpec spec, int ordinal, string hostIp = "$" + HostIpVariable)
    {
        var network = spec.Network;
        return network.Exposure switch
        {
            SwarmExposure.NodePort when NeedsHostIp(spec) => For(spec, [hostIp], network.NodePort.PortOf(ordinal)),
            SwarmExposure.NodePort => For(spec, network.NodePort.NodeAddresses, network.NodePort.PortOf(ordinal)),
            SwarmExposure.LoadBalancer => For(spec, [network.LoadBalancer.Addresses[ordinal]], Ports.KuboSwarm),
            _ => [],
        };
    }

    /// <summary>Placeholder in <see cref="Settings"/> that kubo's config script replaces with <c>ip4/</c> or <c>ip6/</c> and <see cref="HostIpVariable"/>.</summary>
    public const string HostPlaceholder = "{host}";

    /// <summary>Placeholder in <see cref="Settings"/> that kubo's config script replaces with <see cref="NodePortBaseVariable"/> + ordinal.</summary>
    public const string NodePortPlaceholder = "{nodeport}";

    /// <summary>Environment variable of the kubo container holding network.nodePort.basePort.</summary>
    public const string NodePortBaseVariable = "SWARM_NODE_PORT_BASE";

    /// <summary>
    /// Addresses.AppendAnnounce for kubo's settings file, as (ordinal or "*", addresses). Rewritten at
    /// every start, so turning exposure off (or a pod moving to another node) never leaves a stale
    /// address in the repo's config.
    /// </summary>
    public static IReadOnlyList<(string Selector, IReadOnlyList<string> Addresses)> Settings(ClusterSpec spec)
    {
        var network = spec.Network;
        return network.Exposure switch
        {
            SwarmExposure.NodePort when NeedsHostIp(spec) =>
                [("*", For(spec, ["{host}"], NodePortPlaceholder).Select(a => a.Replace("/ip4/{host}/", "/" + HostPlaceholder + "/", StringComparison.Ordinal)).ToList())],
            SwarmExposure.NodePort => [("*", For(spec, network.NodePort.NodeAddresses, NodePortPlaceholder))],
            SwarmExposure.LoadBalancer => [.. Enumerable.Range(0, spec.Peers).Select(i => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), Addresses(spec, i)))],
            _ => [("*", [])],
        };
    }

    private static List<string> For(ClusterSpec spec, IEnumerable<string> hosts, int port) =>
        For(spec, hosts, port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static List<string> For(ClusterSpec spec, IEnumerable<string> hosts, string port)
    {
        var addresses = new List<string>();
        foreach (var host in hosts)
        {
            var family = IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? "ip6" : "ip4";
            addresses.Add($"/{family}/{host}/tcp/{port}");
            if (!spec.Network.PrivateSwarm) addresses.Add($"/{family}/{host}/udp/{port}/quic-v1");
        }
        return addresses;
    }

}
