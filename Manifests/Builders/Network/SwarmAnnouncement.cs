using System.Net;
using System.Net.Sockets;
using System.Text;
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

    /// <summary>Shell lines for kubo's config script (run with <c>$ordinal</c> set): set Addresses.AppendAnnounce.</summary>
    public static string Script(ClusterSpec spec)
    {
        var network = spec.Network;
        var text = new StringBuilder();
        switch (network.Exposure)
        {
            case SwarmExposure.None:
                text.Append("# No public exposure (network.exposure none): announce nothing beyond the listen addresses.\n")
                    .Append("ipfs config --json Addresses.AppendAnnounce '[]'\n");
                break;
            case SwarmExposure.NodePort:
                text.Append($"# network.exposure nodePort: this pod's swarm is node port {network.NodePort.BasePort} + ordinal.\n")
                    .Append($"port=$(({network.NodePort.BasePort} + ordinal))\n");
                if (NeedsHostIp(spec))
                {
                    text.Append("# Announced with the address of the node the pod runs on (status.hostIP).\n")
                        .Append($"host_ip=\"${{{HostIpVariable}:-}}\"\n")
                        .Append("if [ -z \"$host_ip\" ]; then\n")
                        .Append($"  echo \"ipfs-infra: {HostIpVariable} (status.hostIP) is not set; cannot announce the node port\" >&2\n")
                        .Append("  exit 1\n")
                        .Append("fi\n")
                        .Append("case \"$host_ip\" in\n")
                        .Append("  *:*) family=ip6 ;;\n")
                        .Append("  *) family=ip4 ;;\n")
                        .Append("esac\n")
                        .Append("ipfs config --json Addresses.AppendAnnounce \"")
                        .Append(JsonList(For(spec, ["$host_ip"], "$port").Select(a => a.Replace("/ip4/", "/$family/", StringComparison.Ordinal))))
                        .Append("\"\n");
                }
                else
                {
                    text.Append("ipfs config --json Addresses.AppendAnnounce \"")
                        .Append(JsonList(For(spec, network.NodePort.NodeAddresses, "$port")))
                        .Append("\"\n");
                }
                break;
            case SwarmExposure.LoadBalancer:
                text.Append("# network.exposure loadBalancer: this pod's Service has the ordinal's static address.\n")
                    .Append("case \"$ordinal\" in\n");
                for (var i = 0; i < spec.Peers; i++)
                    text.Append($"  {i}) announce=\"{JsonList(Addresses(spec, i))}\" ;;\n");
                text.Append("  *) echo \"ipfs-infra: no load-balancer address for ordinal $ordinal (network.loadBalancer.addresses)\" >&2; exit 1 ;;\n")
                    .Append("esac\n")
                    .Append("ipfs config --json Addresses.AppendAnnounce \"$announce\"\n");
                break;
        }
        return text.ToString();
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

    /// <summary>A JSON list of strings, escaped for a double-quoted shell word (the items hold no quotes or backslashes).</summary>
    private static string JsonList(IEnumerable<string> items) => "[" + string.Join(",", items.Select(i => $"\\\"{i}\\\"")) + "]";
}
