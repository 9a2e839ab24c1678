using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders.Network;

/// <summary>
/// The cluster-internal Services: the APIs (REST API, IPFS proxy, pinning service API) and kubo's
/// gateway for a gateway layer to front. ClusterIP only; NetworkPolicies decide who may connect.
/// </summary>
public static class ServiceBuilder
{
    /// <summary>The API Service: REST API 9094, IPFS proxy 9095, pinning service API 9097.</summary>
    public static V1Service Api(ClusterSpec spec) => ClusterIp(spec, NetworkNames.ApiService(spec), "api",
    [
        Port("rest-api", Ports.ClusterRestApi),
        Port("ipfs-proxy", Ports.ClusterProxy),
        Port("pinning-svc", Ports.ClusterPinningService),
    ]);

    /// <summary>The gateway Service: kubo's HTTP gateway on 8080.</summary>
    public static V1Service Gateway(ClusterSpec spec) => ClusterIp(spec, NetworkNames.GatewayService(spec), "gateway",
        [Port("http", Ports.KuboGateway)]);

    private static V1Service ClusterIp(ClusterSpec spec, string name, string component, List<V1ServicePort> ports) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = ObjectMeta.For(spec, name, component),
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = NetworkNames.NodePods(spec),
            Ports = ports,
        },
    };

    private static V1ServicePort Port(string name, int port) =>
        new() { Name = name, Port = port, TargetPort = port, Protocol = "TCP" };
}
