namespace Ipfs.Manifests.Spec;

/// <summary>Every object and DNS name derived from the cluster name, in one place.</summary>
/// <param name="Name">Base name of the objects.</param>
/// <param name="Namespace">Namespace of the objects.</param>
/// <param name="ClusterDomain">The Kubernetes cluster's DNS domain (kubelet <c>--cluster-domain</c>), e.g. cluster.local.</param>
public sealed record ClusterNames(string Name, string Namespace, string ClusterDomain)
{
    /// <summary>The StatefulSet; pods are <c>{StatefulSet}-{ordinal}</c>.</summary>
    public string StatefulSet => Name;

    /// <summary>Headless governing Service giving each pod a stable DNS name.</summary>
    public string PeerService => $"{Name}-peers";

    /// <summary>Secret holding the 32-byte cluster secret.</summary>
    public string ClusterSecret => $"{Name}-cluster-secret";

    /// <summary>Secret holding every peer's private key (cluster and kubo), keyed by ordinal.</summary>
    public string Identities => $"{Name}-identities";

    /// <summary>Secret holding the REST API basic-auth credentials.</summary>
    public string RestApiCredentials => $"{Name}-rest-api";

    /// <summary>Secret holding the private-swarm key.</summary>
    public string SwarmKey => $"{Name}-swarm-key";

    /// <summary>ConfigMap of peer IDs and addresses (public identity facts).</summary>
    public string PeerAddresses => $"{Name}-peer-addresses";

    /// <summary>Pod name of ordinal <paramref name="ordinal"/>.</summary>
    public string Pod(int ordinal) => $"{StatefulSet}-{ordinal}";

    /// <summary>Fully qualified DNS name of Service <paramref name="service"/> of the namespace: <c>{service}.{ns}.svc.{domain}</c>.</summary>
    public string ServiceDns(string service) => $"{service}.{Namespace}.svc.{ClusterDomain}";

    /// <summary>Stable DNS name of pod <paramref name="ordinal"/> through the headless Service.</summary>
    public string PodDns(int ordinal) => $"{Pod(ordinal)}.{ServiceDns(PeerService)}";
}
