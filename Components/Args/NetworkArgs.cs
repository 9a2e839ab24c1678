using Pulumi;

namespace Ipfs.Components;

/// <summary>Who can reach the pods and from where: private swarm, exposure, API and gateway clients, ingress.</summary>
public sealed class NetworkArgs : ResourceArgs
{
    /// <summary>Private swarm: swarm key, LIBP2P_FORCE_PNET, no public bootstrap, QUIC/WebTransport/WebRTC off.</summary>
    [Input("privateSwarm")]
    public bool? PrivateSwarm { get; set; }

    /// <summary>Pod and Service ranges of the Kubernetes cluster; kubo never filters or hides these.</summary>
    [Input("clusterCidrs")]
    public List<string>? ClusterCidrs { get; set; }

    /// <summary>DNS domain of the Kubernetes cluster (kubelet --cluster-domain); every in-cluster address ends in it: the peer directory's /dns/ addresses and the pinset jobs' REST API address.</summary>
    [Input("clusterDomain")]
    public string? ClusterDomain { get; set; }

    /// <summary>Public reachability of kubo's swarm port 4001 (never the APIs): none, one NodePort Service per pod, or one LoadBalancer Service per pod; kubo announces the matching public address.</summary>
    [Input("exposure")]
    public string? Exposure { get; set; }

    /// <summary>nodePort exposure settings.</summary>
    [Input("nodePort")]
    public NodePortArgs? NodePort { get; set; }

    /// <summary>loadBalancer exposure settings.</summary>
    [Input("loadBalancer")]
    public LoadBalancerArgs? LoadBalancer { get; set; }

    /// <summary>API clients.</summary>
    [Input("api")]
    public ApiAccessArgs? Api { get; set; }

    /// <summary>Gateway clients.</summary>
    [Input("gateway")]
    public GatewayAccessArgs? Gateway { get; set; }

    /// <summary>Gateway Ingress.</summary>
    [Input("ingress")]
    public IngressArgs? Ingress { get; set; }
}

/// <summary>Settings of nodePort exposure.</summary>
public sealed class NodePortArgs : ResourceArgs
{
    /// <summary>nodePort exposure: pod N's swarm is node port basePort+N (TCP, and UDP for QUIC when the swarm is public).</summary>
    [Input("basePort")]
    public int? BasePort { get; set; }

    /// <summary>nodePort exposure: public node addresses every pod announces (any node forwards). Empty: each pod announces its own node's address (status.hostIP) and only that node forwards, keeping client addresses.</summary>
    [Input("nodeAddresses")]
    public List<string>? NodeAddresses { get; set; }
}

/// <summary>Settings of loadBalancer exposure.</summary>
public sealed class LoadBalancerArgs : ResourceArgs
{
    /// <summary>loadBalancer exposure: one static address per peer; pod N's Service requests the N-th and kubo announces it.</summary>
    [Input("addresses")]
    public List<string>? Addresses { get; set; }

    /// <summary>loadBalancer exposure: annotation that requests the address (e.g. metallb.universe.tf/loadBalancerIPs, service.beta.kubernetes.io/azure-load-balancer-ipv4); none: spec.loadBalancerIP.</summary>
    [Input("addressAnnotation")]
    public string? AddressAnnotation { get; set; }

    /// <summary>loadBalancer exposure: extra annotations on every swarm LoadBalancer Service (provider settings).</summary>
    [Input("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }
}

/// <summary>Clients of the REST API, IPFS proxy and pinning service API.</summary>
public sealed class ApiAccessArgs : ResourceArgs
{
    /// <summary>Namespaces whose pods may call the cluster REST API (9094), IPFS proxy (9095) and pinning service API (9097).</summary>
    [Input("clientNamespaces")]
    public List<string>? ClientNamespaces { get; set; }

    /// <summary>Labels of pods in the cluster's own namespace that may call the APIs; empty: none.</summary>
    [Input("clientPodSelector")]
    public Dictionary<string, string>? ClientPodSelector { get; set; }
}

/// <summary>The gateway layer allowed to reach kubo's gateway.</summary>
public sealed class GatewayAccessArgs : ResourceArgs
{
    /// <summary>Namespace of the gateway layer (e.g. the ingress controller) whose pods may reach kubo's gateway (8080); none: nobody.</summary>
    [Input("namespace")]
    public string? Namespace { get; set; }
}

/// <summary>An Ingress for kubo's gateway.</summary>
public sealed class IngressArgs : ResourceArgs
{
    /// <summary>An Ingress for kubo's gateway (needs network.ingress.host and network.gateway.namespace).</summary>
    [Input("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>IngressClass of the gateway Ingress; none: the cluster's default class.</summary>
    [Input("className")]
    public string? ClassName { get; set; }

    /// <summary>Host name the gateway Ingress answers for (may start with '*.').</summary>
    [Input("host")]
    public string? Host { get; set; }

    /// <summary>Secret holding the gateway Ingress's TLS certificate (e.g. from cert-manager); none: plain HTTP.</summary>
    [Input("tlsSecret")]
    public string? TlsSecret { get; set; }
}
