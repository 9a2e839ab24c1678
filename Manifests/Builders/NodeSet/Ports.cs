namespace Ipfs.Manifests.Builders.NodeSet;

/// <summary>The ports kubo and ipfs-cluster listen on (DESIGN.md: "The pod").</summary>
public static class Ports
{
    /// <summary>kubo libp2p swarm (TCP, and UDP for QUIC when the swarm is public).</summary>
    public const int KuboSwarm = 4001;

    /// <summary>kubo RPC API; also serves /debug/metrics/prometheus. Never public.</summary>
    public const int KuboApi = 5001;

    /// <summary>kubo HTTP gateway.</summary>
    public const int KuboGateway = 8080;

    /// <summary>ipfs-cluster REST API. Never public.</summary>
    public const int ClusterRestApi = 9094;

    /// <summary>ipfs-cluster IPFS proxy. Never public.</summary>
    public const int ClusterProxy = 9095;

    /// <summary>ipfs-cluster libp2p swarm (TCP only).</summary>
    public const int ClusterSwarm = 9096;

    /// <summary>ipfs-cluster pinning service API.</summary>
    public const int ClusterPinningService = 9097;

    /// <summary>ipfs-cluster Prometheus metrics.</summary>
    public const int ClusterMetrics = 8888;
}
