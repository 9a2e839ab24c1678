using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Builders.Network;

/// <summary>Names and selectors of the network component's objects, in one place.</summary>
public static class NetworkNames
{
    /// <summary>Label the StatefulSet controller puts on each pod: its own name, so a Service can select one pod.</summary>
    public const string PodNameLabel = "statefulset.kubernetes.io/pod-name";

    /// <summary>Label every namespace carries with its own name (Kubernetes 1.22+).</summary>
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    /// <summary>ClusterIP Service of the cluster REST API, IPFS proxy and pinning service API.</summary>
    public static string ApiService(ClusterSpec spec) => $"{spec.Name}-api";

    /// <summary>ClusterIP Service of kubo's HTTP gateway; also the gateway Ingress's name.</summary>
    public static string GatewayService(ClusterSpec spec) => $"{spec.Name}-gateway";

    /// <summary>Per-pod Service exposing pod <paramref name="ordinal"/>'s swarm port outside the cluster.</summary>
    public static string SwarmService(ClusterSpec spec, int ordinal) => $"{spec.Name}-swarm-{ordinal}";

    /// <summary>A NetworkPolicy's name, e.g. <c>ipfs-allow-api</c>.</summary>
    public static string Policy(ClusterSpec spec, string purpose) => $"{spec.Name}-{purpose}";

    /// <summary>
    /// Labels that select exactly the cluster's node pods (the StatefulSet's pods): the selector
    /// labels plus their component. Other pods of the instance (jobs, say) are not matched.
    /// </summary>
    public static SortedDictionary<string, string> NodePods(ClusterSpec spec)
    {
        var labels = ObjectMeta.SelectorLabels(spec);
        labels["app.kubernetes.io/component"] = "node";
        return labels;
    }
}
