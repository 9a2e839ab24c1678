using Ipfs.Manifests.Builders.Network;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.Network;

/// <summary>
/// The network configurations the tests walk through: the profiles as they come, a prod cluster
/// with API clients and a gateway layer, and that cluster privately and under each exposure mode.
/// </summary>
internal static class NetworkScenarios
{
    public const string AppsNamespace = "apps";
    public const string GatewayNamespace = "ingress-nginx";
    public static readonly (string Key, string Value) ApiClientLabel = ("example.com/ipfs-client", "true");

    /// <summary>
    /// Labels of a Prometheus pod as prometheus-operator (v0.93.0, pkg/prometheus/server/statefulset.go,
    /// makeSelectorLabels) runs it for kube-prometheus-stack's Prometheus resource.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> PrometheusPodLabels = new Dictionary<string, string>
    {
        ["app.kubernetes.io/name"] = "prometheus",
        ["app.kubernetes.io/managed-by"] = "prometheus-operator",
        ["app.kubernetes.io/instance"] = "kube-prometheus-stack-prometheus",
        ["operator.prometheus.io/name"] = "kube-prometheus-stack-prometheus",
        ["operator.prometheus.io/shard"] = "0",
        ["prometheus"] = "kube-prometheus-stack-prometheus",
    };

    /// <summary>Public addresses (none in a range kubo hides), one per peer.</summary>
    public static readonly string[] LoadBalancerAddresses = ["34.120.0.10", "34.120.0.11", "2600:1900::12"];

    public static readonly string[] NodeAddresses = ["35.200.1.1", "35.200.1.2"];

    public static IEnumerable<string> Names =>
    [
        "dev", "prod", "prod-clients", "private", "node-port", "node-port-addresses", "load-balancer", "private-node-port", "private-load-balancer",
    ];

    public static TheoryData<string> All => new(Names);

    public static ClusterSpec For(string name)
    {
        var prod = TestSpecs.Prod;
        var clients = prod with
        {
            Network = prod.Network with
            {
                Api = new ApiAccessSpec([AppsNamespace], new Dictionary<string, string> { [ApiClientLabel.Key] = ApiClientLabel.Value }),
                GatewayNamespace = GatewayNamespace,
                Ingress = new IngressSpec(true, "nginx", "ipfs.example.com", "ipfs-gateway-tls"),
            },
        };
        ClusterSpec With(ClusterSpec spec, Func<NetworkSpec, NetworkSpec> change) => spec with { Network = change(spec.Network) };
        var privateSwarm = With(clients, n => n with { PrivateSwarm = true });
        NetworkSpec NodePort(NetworkSpec n) => n with { Exposure = SwarmExposure.NodePort };
        NetworkSpec LoadBalancer(NetworkSpec n) => n with
        {
            Exposure = SwarmExposure.LoadBalancer,
            LoadBalancer = new LoadBalancerExposureSpec(LoadBalancerAddresses, null, new Dictionary<string, string>()),
        };
        return name switch
        {
            "dev" => TestSpecs.Dev,
            "prod" => prod,
            "prod-clients" => clients,
            "private" => privateSwarm,
            "node-port" => With(clients, NodePort),
            "node-port-addresses" => With(clients, n => NodePort(n) with { NodePort = new NodePortExposureSpec(31000, NodeAddresses) }),
            "load-balancer" => With(clients, LoadBalancer),
            "private-node-port" => With(privateSwarm, NodePort),
            "private-load-balancer" => With(privateSwarm, LoadBalancer),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    /// <summary>Every object of the scenario's cluster, built with the fixed test material.</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects(ClusterSpec spec) =>
        ClusterManifest.Build(spec, TestSpecs.Material(spec)).SelectMany(c => c.Objects).ToList();

    public static V1StatefulSet StatefulSet(ClusterSpec spec) => Objects(spec).OfType<V1StatefulSet>().Single();

    /// <summary>Pod <paramref name="ordinal"/> as the StatefulSet creates it: the template's labels plus its pod-name label.</summary>
    public static Endpoint NodePod(ClusterSpec spec, int ordinal)
    {
        var labels = new Dictionary<string, string>(StatefulSet(spec).Spec.Template.Metadata.Labels) { [NetworkNames.PodNameLabel] = spec.Names.Pod(ordinal) };
        return Endpoint.Pod($"node pod {ordinal}", spec.Namespace, labels);
    }

    /// <summary>
    /// Every pod template of the scenario's render (StatefulSet, CronJobs, Jobs, Deployments): its
    /// owner's kind and name, namespace and pod labels.
    /// </summary>
    public static IReadOnlyList<(string Owner, string Namespace, IReadOnlyDictionary<string, string> Labels)> PodTemplates(ClusterSpec spec) =>
        Objects(spec).Select(o => (Owner: $"{o.Kind}/{o.Metadata.Name}", o.Metadata.NamespaceProperty, Template: o switch
            {
                V1StatefulSet s => s.Spec.Template,
                V1CronJob c => c.Spec.JobTemplate.Spec.Template,
                V1Job j => j.Spec.Template,
                V1Deployment d => d.Spec.Template,
                V1DaemonSet d => d.Spec.Template,
                _ => null,
            }))
            .Where(t => t.Template is not null)
            .Select(t => (t.Owner, t.NamespaceProperty, (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(t.Template!.Metadata.Labels)))
            .ToList();

    /// <summary>Every port a node pod listens on, plus one nobody does.</summary>
    public static IReadOnlyList<(int Port, string Protocol)> PortUniverse { get; } =
    [
        (Ports.KuboSwarm, "TCP"), (Ports.KuboSwarm, "UDP"), (Ports.KuboApi, "TCP"), (Ports.KuboGateway, "TCP"),
        (Ports.ClusterRestApi, "TCP"), (Ports.ClusterProxy, "TCP"), (Ports.ClusterSwarm, "TCP"), (Ports.ClusterPinningService, "TCP"),
        (Ports.ClusterMetrics, "TCP"), (22, "TCP"),
    ];

    public static string Show((int Port, string Protocol) p) => $"{p.Port}/{p.Protocol}";
}
