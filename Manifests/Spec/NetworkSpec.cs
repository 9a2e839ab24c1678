namespace Ipfs.Manifests.Spec;

/// <summary>
/// Swarm privacy, the Kubernetes cluster's own ranges and DNS domain, and who may reach what: public swarm
/// exposure, API clients, the gateway layer and the optional gateway Ingress. The defaults reach
/// nothing: no exposure, no API clients, no gateway namespace, no Ingress.
/// </summary>
/// <param name="PrivateSwarm">Private swarm (swarm key, LIBP2P_FORCE_PNET, nothing public).</param>
/// <param name="ClusterCidrs">Pod and Service ranges kubo must keep reachable.</param>
public sealed record NetworkSpec(bool PrivateSwarm, IReadOnlyList<string> ClusterCidrs)
{
    /// <summary>Default DNS domain of a Kubernetes cluster.</summary>
    public const string DefaultClusterDomain = "cluster.local";

    /// <summary>The Kubernetes cluster's DNS domain (kubelet <c>--cluster-domain</c>); every in-cluster address ends in it.</summary>
    public string ClusterDomain { get; init; } = DefaultClusterDomain;

    /// <summary>How kubo's swarm port is reachable from outside the Kubernetes cluster.</summary>
    public SwarmExposure Exposure { get; init; } = SwarmExposure.None;

    /// <summary>Settings of <see cref="SwarmExposure.NodePort"/> exposure.</summary>
    public NodePortExposureSpec NodePort { get; init; } = new(NodePortExposureSpec.DefaultBasePort, []);

    /// <summary>Settings of <see cref="SwarmExposure.LoadBalancer"/> exposure.</summary>
    public LoadBalancerExposureSpec LoadBalancer { get; init; } = new([], null, new Dictionary<string, string>());

    /// <summary>Who may call the cluster REST API, the IPFS proxy and the pinning service API.</summary>
    public ApiAccessSpec Api { get; init; } = new([], new Dictionary<string, string>());

    /// <summary>Namespace of the gateway layer (e.g. the ingress controller) allowed to reach kubo's gateway; null: none.</summary>
    public string? GatewayNamespace { get; init; }

    /// <summary>The optional Ingress in front of the gateway Service.</summary>
    public IngressSpec Ingress { get; init; } = IngressSpec.Disabled;

    /// <summary>Value equality, lists and maps compared by content.</summary>
    public bool Equals(NetworkSpec? other) =>
        other is not null && PrivateSwarm == other.PrivateSwarm && ClusterCidrs.SequenceEqual(other.ClusterCidrs) &&
        ClusterDomain == other.ClusterDomain && Exposure == other.Exposure && NodePort == other.NodePort && LoadBalancer == other.LoadBalancer &&
        Api == other.Api && GatewayNamespace == other.GatewayNamespace && Ingress == other.Ingress;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(PrivateSwarm, ClusterCidrs.Count, ClusterDomain, Exposure, GatewayNamespace, Ingress);
}

/// <summary>How kubo's swarm port (4001) is reachable from outside the Kubernetes cluster.</summary>
public enum SwarmExposure
{
    /// <summary>Not at all: kubo dials out, nobody outside dials in.</summary>
    None,

    /// <summary>One NodePort Service per pod; kubo announces a node address with the pod's node port.</summary>
    NodePort,

    /// <summary>One LoadBalancer Service per pod; kubo announces the pod's configured load-balancer address.</summary>
    LoadBalancer,
}

/// <summary>NodePort exposure: pod N's swarm is node port <c>BasePort + N</c> (TCP, and UDP when the swarm is public).</summary>
/// <param name="BasePort">Node port of pod 0.</param>
/// <param name="NodeAddresses">
/// Public node addresses every pod announces (any node forwards: externalTrafficPolicy Cluster). Empty:
/// each pod announces its own node's address (status.hostIP) and only that node forwards
/// (externalTrafficPolicy Local, client addresses preserved).
/// </param>
public sealed record NodePortExposureSpec(int BasePort, IReadOnlyList<string> NodeAddresses)
{
    /// <summary>Default node port of pod 0.</summary>
    public const int DefaultBasePort = 30401;

    /// <summary>Node port of pod <paramref name="ordinal"/>.</summary>
    public int PortOf(int ordinal) => BasePort + ordinal;

    /// <summary>Value equality, the address list compared by content.</summary>
    public bool Equals(NodePortExposureSpec? other) =>
        other is not null && BasePort == other.BasePort && NodeAddresses.SequenceEqual(other.NodeAddresses);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(BasePort, NodeAddresses.Count);
}

/// <summary>LoadBalancer exposure: pod N's Service requests and kubo announces <c>Addresses[N]</c>.</summary>
/// <param name="Addresses">Static load-balancer address per ordinal.</param>
/// <param name="AddressAnnotation">Annotation that requests the address (e.g. <c>metallb.universe.tf/loadBalancerIPs</c>); null: <c>spec.loadBalancerIP</c>.</param>
/// <param name="Annotations">Extra annotations on every swarm LoadBalancer Service (provider settings).</param>
public sealed record LoadBalancerExposureSpec(IReadOnlyList<string> Addresses, string? AddressAnnotation, IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>Value equality, lists and maps compared by content.</summary>
    public bool Equals(LoadBalancerExposureSpec? other) =>
        other is not null && Addresses.SequenceEqual(other.Addresses) && AddressAnnotation == other.AddressAnnotation &&
        Annotations.Count == other.Annotations.Count && !Annotations.Except(other.Annotations).Any();

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Addresses.Count, AddressAnnotation, Annotations.Count);
}

/// <summary>API clients: every pod of <paramref name="ClientNamespaces"/>, and pods of the cluster's namespace carrying <paramref name="ClientPodSelector"/>.</summary>
/// <param name="ClientNamespaces">Namespaces whose pods may call the APIs.</param>
/// <param name="ClientPodSelector">Labels of pods in the cluster's own namespace that may call the APIs; empty: none.</param>
public sealed record ApiAccessSpec(IReadOnlyList<string> ClientNamespaces, IReadOnlyDictionary<string, string> ClientPodSelector)
{
    /// <summary>Value equality, lists and maps compared by content.</summary>
    public bool Equals(ApiAccessSpec? other) =>
        other is not null && ClientNamespaces.SequenceEqual(other.ClientNamespaces) &&
        ClientPodSelector.Count == other.ClientPodSelector.Count && !ClientPodSelector.Except(other.ClientPodSelector).Any();

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ClientNamespaces.Count, ClientPodSelector.Count);
}

/// <summary>An Ingress for kubo's gateway.</summary>
/// <param name="Enabled">Whether the Ingress is built.</param>
/// <param name="ClassName">IngressClass; null: the cluster's default class.</param>
/// <param name="Host">Host name the Ingress answers for.</param>
/// <param name="TlsSecret">Secret with the TLS certificate (e.g. issued by cert-manager); null: plain HTTP.</param>
public sealed record IngressSpec(bool Enabled, string? ClassName, string? Host, string? TlsSecret)
{
    /// <summary>No Ingress.</summary>
    public static IngressSpec Disabled { get; } = new(false, null, null, null);
}
