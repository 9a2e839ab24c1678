using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Builders.Storage;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders.Network;

/// <summary>
/// NetworkPolicies of the cluster's namespace. A namespace-wide default deny isolates every pod for
/// ingress (node pods, the backup, restore and snapshot job pods, anything else in the namespace);
/// with a private swarm a second default deny isolates the node pods for egress. Each further policy
/// opens exactly one thing the config names, on the node pods only:
/// <list type="bullet">
/// <item>the swarm and cluster ports between the cluster's own pods;</item>
/// <item>the APIs (9094, 9095, 9097) to <c>network.api.clientNamespaces</c> and to pods of the
/// cluster's namespace matching <c>network.api.clientPodSelector</c>; the REST API (9094) to the
/// pinset backup and restore jobs when <c>storage.backup.enabled</c>;</item>
/// <item>the gateway (8080) to <c>network.gateway.namespace</c>;</item>
/// <item>the metrics ports (kubo 5001, cluster 8888) to the pods of <c>monitoring.namespace</c> matching
/// <c>monitoring.prometheusPodSelector</c> when monitoring is on;</item>
/// <item>kubo's swarm port from anywhere, only with <c>network.exposure</c> other than none;</item>
/// <item>with a private swarm: node pod egress to DNS (kube-dns) and to the cluster's own pods, nothing else.</item>
/// </list>
/// Nothing reaches a job pod. Job pods' egress stays open: the pinset jobs call the REST API and the
/// snapshot job the Kubernetes API, whose endpoint lies outside the pod network where no portable
/// policy can name it. Policies whose peer list would be empty are not built: they would allow nothing.
/// </summary>
public static class NetworkPolicyBuilder
{
    /// <summary>Namespace of the cluster DNS.</summary>
    public const string DnsNamespace = "kube-system";

    /// <summary>Labels of the cluster DNS pods (CoreDNS and kube-dns both carry them).</summary>
    public static IReadOnlyDictionary<string, string> DnsPods { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["k8s-app"] = "kube-dns" };

    /// <summary>Purpose of the namespace-wide ingress default deny (<c>&lt;name&gt;-default-deny-ingress</c>).</summary>
    public const string DefaultDenyIngress = "default-deny-ingress";

    /// <summary>Purpose of the node pods' egress default deny under a private swarm (<c>&lt;name&gt;-default-deny-egress</c>).</summary>
    public const string DefaultDenyEgress = "default-deny-egress";

    /// <summary>The empty selector: every pod of the namespace.</summary>
    private static V1LabelSelector EveryPod => new();

    /// <summary>Builds the policies in a fixed order, the default denies first.</summary>
    public static IReadOnlyList<V1NetworkPolicy> Build(ClusterSpec spec)
    {
        var network = spec.Network;
        var swarm = SwarmPorts(spec);
        var policies = new List<V1NetworkPolicy>
        {
            Policy(spec, DefaultDenyIngress, EveryPod, ["Ingress"], ingress: null, egress: null),
        };
        if (network.PrivateSwarm)
            policies.Add(Policy(spec, DefaultDenyEgress, ["Egress"], ingress: null, egress: null));
        policies.Add(Policy(spec, "allow-peers", ["Ingress"], [Rule([OwnPods(spec)], swarm)], null));

        var apiClients = new List<V1NetworkPolicyPeer>();
        if (network.Api.ClientNamespaces.Count > 0)
            apiClients.Add(new V1NetworkPolicyPeer { NamespaceSelector = Namespaces(network.Api.ClientNamespaces) });
        if (network.Api.ClientPodSelector.Count > 0)
            apiClients.Add(new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = Sorted(network.Api.ClientPodSelector) } });
        var apiRules = new List<V1NetworkPolicyIngressRule>();
        if (apiClients.Count > 0)
            apiRules.Add(Rule(apiClients, [Tcp(Ports.ClusterRestApi), Tcp(Ports.ClusterProxy), Tcp(Ports.ClusterPinningService)]));
        if (spec.Storage.Backup.Enabled)
            // storage.backup.enabled names the pinset backup and restore jobs: the REST API only.
            apiRules.Add(Rule([new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = StorageNames.JobPodLabels(spec, StorageNames.PinsetJob) } }],
                [Tcp(Ports.ClusterRestApi)]));
        if (apiRules.Count > 0)
            policies.Add(Policy(spec, "allow-api", ["Ingress"], apiRules, null));

        if (network.GatewayNamespace is { } gateway)
            policies.Add(Policy(spec, "allow-gateway", ["Ingress"], [Rule([FromNamespace(gateway)], [Tcp(Ports.KuboGateway)])], null));

        if (spec.Monitoring.Enabled)
            // kubo serves its metrics on the RPC port: only the Prometheus pods may open it, never their whole namespace.
            policies.Add(Policy(spec, "allow-metrics", ["Ingress"],
            [
                Rule([new V1NetworkPolicyPeer
                {
                    NamespaceSelector = Namespaces([spec.Monitoring.Namespace]),
                    PodSelector = new V1LabelSelector { MatchLabels = Sorted(spec.Monitoring.PrometheusPodSelector) },
                }], [Tcp(Ports.KuboApi), Tcp(Ports.ClusterMetrics)]),
            ], null));

        if (network.Exposure != SwarmExposure.None)
            // No "from": any source, inside or outside the Kubernetes cluster. kubo's swarm port only.
            policies.Add(Policy(spec, "allow-public-swarm", ["Ingress"],
                [new V1NetworkPolicyIngressRule { Ports = SwarmExposureBuilder.Protocols(spec).Select(p => Port(Ports.KuboSwarm, p)).ToList() }], null));

        if (network.PrivateSwarm)
            policies.Add(Policy(spec, "allow-egress", ["Egress"], null,
            [
                new V1NetworkPolicyEgressRule
                {
                    To = [new V1NetworkPolicyPeer { NamespaceSelector = Namespaces([DnsNamespace]), PodSelector = new V1LabelSelector { MatchLabels = Sorted(DnsPods) } }],
                    Ports = [Port(53, "UDP"), Port(53, "TCP")],
                },
                new V1NetworkPolicyEgressRule { To = [OwnPods(spec)], Ports = swarm },
            ]));
        return policies;
    }

    /// <summary>Ports the cluster's own pods use with each other: kubo swarm (TCP, and UDP when public) and cluster swarm.</summary>
    private static List<V1NetworkPolicyPort> SwarmPorts(ClusterSpec spec) =>
    [
        .. SwarmExposureBuilder.Protocols(spec).Select(p => Port(Ports.KuboSwarm, p)),
        Tcp(Ports.ClusterSwarm),
    ];

    /// <summary>A policy of the node pods.</summary>
    private static V1NetworkPolicy Policy(ClusterSpec spec, string purpose, List<string> types,
        List<V1NetworkPolicyIngressRule>? ingress, List<V1NetworkPolicyEgressRule>? egress) =>
        Policy(spec, purpose, new V1LabelSelector { MatchLabels = NetworkNames.NodePods(spec) }, types, ingress, egress);

    private static V1NetworkPolicy Policy(ClusterSpec spec, string purpose, V1LabelSelector pods, List<string> types,
        List<V1NetworkPolicyIngressRule>? ingress, List<V1NetworkPolicyEgressRule>? egress) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = ObjectMeta.For(spec, NetworkNames.Policy(spec, purpose), "network-policy"),
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = pods,
            PolicyTypes = types,
            Ingress = ingress,
            Egress = egress,
        },
    };

    private static V1NetworkPolicyIngressRule Rule(List<V1NetworkPolicyPeer> from, List<V1NetworkPolicyPort> ports) =>
        new() { FromProperty = from, Ports = ports };

    private static V1NetworkPolicyPeer OwnPods(ClusterSpec spec) =>
        new() { PodSelector = new V1LabelSelector { MatchLabels = NetworkNames.NodePods(spec) } };

    private static V1NetworkPolicyPeer FromNamespace(string name) => new() { NamespaceSelector = Namespaces([name]) };

    private static V1LabelSelector Namespaces(IReadOnlyList<string> names) => names.Count == 1
        ? new V1LabelSelector { MatchLabels = Sorted(new Dictionary<string, string> { [NetworkNames.NamespaceNameLabel] = names[0] }) }
        : new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = NetworkNames.NamespaceNameLabel, OperatorProperty = "In", Values = names.ToList() }] };

    private static SortedDictionary<string, string> Sorted(IReadOnlyDictionary<string, string> labels) =>
        new(labels.ToDictionary(), StringComparer.Ordinal);

    private static V1NetworkPolicyPort Tcp(int port) => Port(port, "TCP");

    private static V1NetworkPolicyPort Port(int port, string protocol) => new() { Port = port, Protocol = protocol };
}
