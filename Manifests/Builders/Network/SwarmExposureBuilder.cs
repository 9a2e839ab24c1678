using System.Net;
using System.Net.Sockets;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders.Network;

/// <summary>
/// Public reachability of kubo's swarm port, per pod: one NodePort or LoadBalancer Service per
/// ordinal, selecting that pod by its <c>statefulset.kubernetes.io/pod-name</c> label. Only the
/// swarm port (4001 TCP, plus UDP for QUIC when the swarm is public) is ever exposed; the APIs never
/// are. With <see cref="SwarmExposure.None"/> nothing is built.
/// </summary>
public static class SwarmExposureBuilder
{
    /// <summary>The per-pod Services (none without exposure).</summary>
    public static IReadOnlyList<V1Service> Build(ClusterSpec spec) => spec.Network.Exposure switch
    {
        SwarmExposure.NodePort => Enumerable.Range(0, spec.Peers).Select(i => NodePort(spec, i)).ToList(),
        SwarmExposure.LoadBalancer => Enumerable.Range(0, spec.Peers).Select(i => LoadBalancer(spec, i)).ToList(),
        _ => [],
    };

    /// <summary>Protocols the swarm port is exposed on: TCP, plus UDP (QUIC) when the swarm is public.</summary>
    public static IReadOnlyList<string> Protocols(ClusterSpec spec) => spec.Network.PrivateSwarm ? ["TCP"] : ["TCP", "UDP"];

    private static V1Service NodePort(ClusterSpec spec, int ordinal)
    {
        var nodePort = spec.Network.NodePort;
        return Service(spec, ordinal, new V1ServiceSpec
        {
            Type = "NodePort",
            // Announcing each pod's own node address works only if that node alone forwards
            // (and then client addresses survive); announced fixed node addresses need every node.
            ExternalTrafficPolicy = nodePort.NodeAddresses.Count == 0 ? "Local" : "Cluster",
            Selector = Selector(spec, ordinal),
            Ports = Protocols(spec).Select(p => Port(p, nodePort.PortOf(ordinal))).ToList(),
        }, annotations: null);
    }

    private static V1Service LoadBalancer(ClusterSpec spec, int ordinal)
    {
        var lb = spec.Network.LoadBalancer;
        var address = lb.Addresses[ordinal];
        var annotations = new SortedDictionary<string, string>(lb.Annotations.ToDictionary(), StringComparer.Ordinal);
        if (lb.AddressAnnotation is { } key) annotations[key] = address;
        var ipv6 = IPAddress.Parse(address).AddressFamily == AddressFamily.InterNetworkV6;
        return Service(spec, ordinal, new V1ServiceSpec
        {
            Type = "LoadBalancer",
            // Only the node running the pod receives traffic, and client addresses survive (libp2p
            // limits connections per address; SNAT would make every peer look the same).
            ExternalTrafficPolicy = "Local",
            LoadBalancerIP = lb.AddressAnnotation is null ? address : null,
            IpFamilies = ipv6 ? ["IPv6"] : null,
            IpFamilyPolicy = ipv6 ? "SingleStack" : null,
            Selector = Selector(spec, ordinal),
            Ports = Protocols(spec).Select(p => Port(p, nodePort: null)).ToList(),
        }, annotations.Count > 0 ? annotations : null);
    }

    private static V1Service Service(ClusterSpec spec, int ordinal, V1ServiceSpec serviceSpec, IDictionary<string, string>? annotations)
    {
        var metadata = ObjectMeta.For(spec, NetworkNames.SwarmService(spec, ordinal), "swarm");
        metadata.Annotations = annotations;
        return new V1Service { ApiVersion = "v1", Kind = "Service", Metadata = metadata, Spec = serviceSpec };
    }

    private static SortedDictionary<string, string> Selector(ClusterSpec spec, int ordinal)
    {
        var selector = NetworkNames.NodePods(spec);
        selector[NetworkNames.PodNameLabel] = spec.Names.Pod(ordinal);
        return selector;
    }

    private static V1ServicePort Port(string protocol, int? nodePort) => new()
    {
        Name = protocol == "TCP" ? "swarm" : "swarm-udp",
        Protocol = protocol,
        Port = Ports.KuboSwarm,
        TargetPort = Ports.KuboSwarm,
        NodePort = nodePort,
    };
}
