using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Builders.Network;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Builders.Storage;
using Ipfs.Manifests.Spec;
using k8s.Models;
using Xunit;
using static Ipfs.Manifests.Tests.Builders.Network.NetworkScenarios;

namespace Ipfs.Manifests.Tests.Builders.Network;

/// <summary>
/// Every rendered NetworkPolicy, evaluated together by <see cref="NetworkPolicyEvaluator"/> against
/// a table of (source, port) -> allowed, per configuration. A row lists the ports a source may
/// open on a node pod; every other port of <see cref="NetworkScenarios.PortUniverse"/> must be
/// denied. Nothing is reachable that the table does not name.
/// </summary>
public class NetworkPolicyTableTests
{
    private const string Peers = "4001/TCP 4001/UDP 9096/TCP";
    private const string PrivatePeers = "4001/TCP 9096/TCP";
    private const string Api = "9094/TCP 9095/TCP 9097/TCP";
    private const string RestApi = "9094/TCP";
    private const string Gateway = "8080/TCP";
    private const string Metrics = "5001/TCP 8888/TCP";
    private const string PublicSwarm = "4001/TCP 4001/UDP";
    private const string PrivatePublicSwarm = "4001/TCP";
    private const string Nothing = "";

    /// <summary>The sources the table names.</summary>
    private static Endpoint Source(ClusterSpec spec, string name) => name switch
    {
        "peer" => NodePod(spec, 1),
        "pod of the namespace" => Endpoint.Pod(name, spec.Namespace, ("app", "something-else")),
        "job of the instance" => Endpoint.Pod(name, spec.Namespace, new Dictionary<string, string>(ObjectMeta.Labels(spec, "backup"))),
        "pinset job" => Endpoint.Pod(name, spec.Namespace, new Dictionary<string, string>(StorageNames.JobPodLabels(spec, StorageNames.PinsetJob))),
        "pinset job elsewhere" => Endpoint.Pod(name, "other", new Dictionary<string, string>(StorageNames.JobPodLabels(spec, StorageNames.PinsetJob))),
        "api-client pod" => Endpoint.Pod(name, spec.Namespace, ApiClientLabel),
        "api-client label elsewhere" => Endpoint.Pod(name, "other", ApiClientLabel),
        "apps pod" => Endpoint.Pod(name, AppsNamespace, ("app", "web")),
        "gateway pod" => Endpoint.Pod(name, GatewayNamespace, ("app.kubernetes.io/name", "ingress-nginx")),
        "prometheus pod" => Endpoint.Pod(name, spec.Monitoring.Namespace, PrometheusPodLabels),
        "other monitoring pod" => Endpoint.Pod(name, spec.Monitoring.Namespace, ("app.kubernetes.io/name", "grafana"), ("app.kubernetes.io/instance", "kube-prometheus-stack")),
        "prometheus pod elsewhere" => Endpoint.Pod(name, "other", PrometheusPodLabels),
        "other namespace pod" => Endpoint.Pod(name, "other", ("app", "web")),
        "internet" => Endpoint.External(name, "34.1.2.3"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static string[] Sources =>
    [
        "peer", "pod of the namespace", "job of the instance", "pinset job", "pinset job elsewhere", "api-client pod", "api-client label elsewhere",
        "apps pod", "gateway pod", "prometheus pod", "other monitoring pod", "prometheus pod elsewhere", "other namespace pod", "internet",
    ];

    public static TheoryData<string, string, string> Table()
    {
        var rows = new TheoryData<string, string, string>();
        void Scenario(string scenario, Dictionary<string, string> allowed)
        {
            Assert.Equal(Sources.Order(), allowed.Keys.Order()); // every source has a row, so nothing is left unchecked
            foreach (var (source, ports) in allowed) rows.Add(scenario, source, ports);
        }

        // dev as it comes: public swarm, no monitoring, no backups, no clients, no gateway layer, no exposure.
        Scenario("dev", new()
        {
            ["peer"] = Peers, ["pod of the namespace"] = Nothing, ["job of the instance"] = Nothing, ["api-client pod"] = Nothing,
            ["pinset job"] = Nothing, ["pinset job elsewhere"] = Nothing,
            ["api-client label elsewhere"] = Nothing, ["apps pod"] = Nothing, ["gateway pod"] = Nothing, ["prometheus pod"] = Nothing,
            ["other monitoring pod"] = Nothing, ["prometheus pod elsewhere"] = Nothing, ["other namespace pod"] = Nothing, ["internet"] = Nothing,
        });
        // prod as it comes: monitoring and pinset backups on, nothing else named.
        Scenario("prod", new()
        {
            ["peer"] = Peers, ["pod of the namespace"] = Nothing, ["job of the instance"] = Nothing, ["api-client pod"] = Nothing,
            ["pinset job"] = RestApi, ["pinset job elsewhere"] = Nothing,
            ["api-client label elsewhere"] = Nothing, ["apps pod"] = Nothing, ["gateway pod"] = Nothing, ["prometheus pod"] = Metrics,
            ["other monitoring pod"] = Nothing, ["prometheus pod elsewhere"] = Nothing, ["other namespace pod"] = Nothing, ["internet"] = Nothing,
        });
        // prod with API clients (namespace apps, labelled pods of its own namespace) and a gateway layer.
        var clients = new Dictionary<string, string>
        {
            ["peer"] = Peers, ["pod of the namespace"] = Nothing, ["job of the instance"] = Nothing, ["api-client pod"] = Api,
            ["pinset job"] = RestApi, ["pinset job elsewhere"] = Nothing,
            ["api-client label elsewhere"] = Nothing, ["apps pod"] = Api, ["gateway pod"] = Gateway, ["prometheus pod"] = Metrics,
            ["other monitoring pod"] = Nothing, ["prometheus pod elsewhere"] = Nothing, ["other namespace pod"] = Nothing, ["internet"] = Nothing,
        };
        Scenario("prod-clients", clients);
        var privateSwarm = new Dictionary<string, string>(clients) { ["peer"] = PrivatePeers };
        Scenario("private", privateSwarm);
        // Exposure opens kubo's swarm port to every source, and nothing else.
        foreach (var exposed in new[] { "node-port", "node-port-addresses", "load-balancer" })
            Scenario(exposed, clients.ToDictionary(kv => kv.Key, kv => kv.Key == "peer" ? Peers : Join(kv.Value, PublicSwarm)));
        foreach (var exposed in new[] { "private-node-port", "private-load-balancer" })
            Scenario(exposed, privateSwarm.ToDictionary(kv => kv.Key, kv => kv.Key == "peer" ? PrivatePeers : Join(kv.Value, PrivatePublicSwarm)));
        return rows;
    }

    private static string Join(string a, string b) => string.Join(' ', $"{a} {b}".Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Theory]
    [MemberData(nameof(Table))]
    public void SourceReachesExactlyTheListedPortsOfANodePod(string scenario, string source, string allowedPorts)
    {
        var spec = For(scenario);
        var evaluator = new NetworkPolicyEvaluator(Objects(spec).OfType<V1NetworkPolicy>());
        var from = Source(spec, source);
        var allowed = allowedPorts.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        Assert.Subset(PortUniverse.Select(Show).ToHashSet(), allowed);

        foreach (var ordinal in new[] { 0, spec.Peers - 1 })
        {
            var to = NodePod(spec, ordinal); // the peer source is pod 1: pods 0 and the last are others
            foreach (var port in PortUniverse)
                Assert.True(evaluator.Allows(from, to, port.Port, port.Protocol) == allowed.Contains(Show(port)),
                    $"{scenario}: {source} -> {to} {Show(port)} should be {(allowed.Contains(Show(port)) ? "allowed" : "denied")}");
        }
    }

    public static TheoryData<string, string, int, string, bool> EgressTable()
    {
        var rows = new TheoryData<string, string, int, string, bool>();
        foreach (var scenario in new[] { "dev", "prod-clients", "node-port" })
        {
            // A public swarm dials the whole internet: egress is not fenced at all.
            foreach (var (destination, port, protocol) in new[]
            {
                ("kube-dns", 53, "UDP"), ("kube-dns", 53, "TCP"), ("peer", 4001, "TCP"), ("peer", 9096, "TCP"),
                ("internet", 4001, "TCP"), ("internet", 443, "TCP"), ("internet", 4001, "UDP"), ("apps pod", 80, "TCP"),
            })
                rows.Add(scenario, destination, port, protocol, true);
        }
        foreach (var scenario in new[] { "private", "private-node-port", "private-load-balancer" })
        {
            // A private swarm talks to its own pods and DNS, nothing else.
            rows.Add(scenario, "kube-dns", 53, "UDP", true);
            rows.Add(scenario, "kube-dns", 53, "TCP", true);
            rows.Add(scenario, "kube-dns", 443, "TCP", false);
            rows.Add(scenario, "other kube-system pod", 53, "UDP", false);
            rows.Add(scenario, "dns-labelled pod elsewhere", 53, "UDP", false);
            rows.Add(scenario, "peer", 4001, "TCP", true);
            rows.Add(scenario, "peer", 9096, "TCP", true);
            rows.Add(scenario, "peer", 4001, "UDP", false);
            rows.Add(scenario, "peer", 5001, "TCP", false);
            rows.Add(scenario, "internet", 4001, "TCP", false);
            rows.Add(scenario, "internet", 443, "TCP", false);
            rows.Add(scenario, "apps pod", 80, "TCP", false);
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(EgressTable))]
    public void NodePodOpensExactlyTheListedEgressConnections(string scenario, string destination, int port, string protocol, bool allowed)
    {
        var spec = For(scenario);
        var evaluator = new NetworkPolicyEvaluator(Objects(spec).OfType<V1NetworkPolicy>());
        var to = destination switch
        {
            "kube-dns" => Endpoint.Pod(destination, "kube-system", ("k8s-app", "kube-dns")),
            "other kube-system pod" => Endpoint.Pod(destination, "kube-system", ("k8s-app", "metrics-server")),
            "dns-labelled pod elsewhere" => Endpoint.Pod(destination, "other", ("k8s-app", "kube-dns")),
            "peer" => NodePod(spec, 1),
            "internet" => Endpoint.External(destination, "34.1.2.3"),
            "apps pod" => Endpoint.Pod(destination, AppsNamespace, ("app", "web")),
            _ => throw new ArgumentOutOfRangeException(nameof(destination), destination, null),
        };

        Assert.Equal(allowed, evaluator.Allows(NodePod(spec, 0), to, port, protocol));
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(NetworkScenarios))]
    public void EveryAllowPolicySelectsExactlyTheNodePodsAndNoOtherPodOfTheNamespace(string scenario)
    {
        var spec = For(scenario);
        var policies = Objects(spec).OfType<V1NetworkPolicy>().Where(p => p.Metadata.Name != $"{spec.Name}-default-deny-ingress").ToList();

        Assert.NotEmpty(policies);
        foreach (var policy in policies)
        {
            Assert.Equal(spec.Namespace, policy.Metadata.NamespaceProperty);
            Assert.True(NetworkPolicyEvaluator.Matches(policy.Spec.PodSelector, NodePod(spec, 0).PodLabels), $"{policy.Metadata.Name} misses the node pods");
            Assert.False(NetworkPolicyEvaluator.Matches(policy.Spec.PodSelector, new Dictionary<string, string>(ObjectMeta.Labels(spec, "backup"))),
                $"{policy.Metadata.Name} also selects other pods of the instance");
        }
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(NetworkScenarios))]
    public void ANamespaceWideDefaultDenyIsolatesEveryPodForIngressAndWithAPrivateSwarmTheNodePodsForEgress(string scenario)
    {
        var spec = For(scenario);
        var policies = Objects(spec).OfType<V1NetworkPolicy>().ToList();

        var ingress = Assert.Single(policies, p => p.Metadata.Name == $"{spec.Name}-default-deny-ingress");
        Assert.Equal(spec.Namespace, ingress.Metadata.NamespaceProperty);
        Assert.Null(ingress.Spec.PodSelector.MatchLabels);
        Assert.Null(ingress.Spec.PodSelector.MatchExpressions);
        Assert.Null(ingress.Spec.Ingress);
        Assert.Equal(["Ingress"], ingress.Spec.PolicyTypes);

        var egress = policies.SingleOrDefault(p => p.Metadata.Name == $"{spec.Name}-default-deny-egress");
        Assert.Equal(spec.Network.PrivateSwarm, egress is not null);
        if (egress is null) return;
        Assert.Null(egress.Spec.Egress);
        Assert.Equal(["Egress"], egress.Spec.PolicyTypes);
        Assert.Equal(NetworkNames.NodePods(spec), egress.Spec.PodSelector.MatchLabels);
    }

    /// <summary>
    /// The lint finding the issue names: a pod that no ingress default deny selects accepts every
    /// connection. Every pod template of the render (node set and every job) must be selected by a
    /// policy of its namespace that isolates for ingress and allows nothing itself.
    /// </summary>
    [Theory]
    [MemberData(nameof(All), MemberType = typeof(NetworkScenarios))]
    public void EveryPodTemplateOfTheRenderIsSelectedByAnIngressDefaultDeny(string scenario)
    {
        var spec = For(scenario);
        var denies = Objects(spec).OfType<V1NetworkPolicy>()
            .Where(p => p.Spec.PolicyTypes.Contains("Ingress") && p.Spec.Ingress is null or { Count: 0 })
            .ToList();
        var templates = PodTemplates(spec);

        Assert.Contains(templates, t => t.Owner.StartsWith("StatefulSet/", StringComparison.Ordinal));
        if (spec.Storage.Backup.Enabled)
            Assert.Contains(templates, t => t.Owner.StartsWith("CronJob/", StringComparison.Ordinal));
        foreach (var (owner, ns, labels) in templates)
            Assert.True(denies.Any(p => p.Metadata.NamespaceProperty == ns && NetworkPolicyEvaluator.Matches(p.Spec.PodSelector, labels)),
                $"{scenario}: the pods of {owner} are not isolated for ingress by any default deny");
    }

    /// <summary>Job pods (pinset backup and restore, volume snapshots) take no connection from anyone, on any port.</summary>
    [Theory]
    [InlineData("prod")]
    [InlineData("private")]
    [InlineData("private-load-balancer")]
    public void NothingReachesAJobPod(string scenario)
    {
        var spec = For(scenario);
        var evaluator = new NetworkPolicyEvaluator(Objects(spec).OfType<V1NetworkPolicy>());
        var jobs = PodTemplates(spec).Where(t => t.Owner.StartsWith("CronJob/", StringComparison.Ordinal)).ToList();

        Assert.Equal(new[] { StorageNames.BackupCronJob(spec), StorageNames.RestoreCronJob(spec), StorageNames.SnapshotCronJob(spec) }.Order(StringComparer.Ordinal),
            jobs.Select(j => j.Owner["CronJob/".Length..]).Order(StringComparer.Ordinal));
        foreach (var (owner, ns, labels) in jobs)
        {
            var job = Endpoint.Pod(owner, ns, labels);
            foreach (var source in Sources.Select(name => Source(spec, name)).Append(NodePod(spec, 0)))
                foreach (var port in PortUniverse)
                    Assert.False(evaluator.Allows(source, job, port.Port, port.Protocol), $"{scenario}: {source} -> {owner} {Show(port)} should be denied");
        }
    }

    /// <summary>
    /// What the jobs dial still goes through in every mode, a private swarm included: the pinset jobs
    /// reach the REST API of every node pod and DNS, the snapshot job reaches the Kubernetes API
    /// (its endpoint lies outside the pod network).
    /// </summary>
    [Theory]
    [InlineData("prod")]
    [InlineData("private")]
    [InlineData("private-node-port")]
    public void TheJobsReachWhatTheyDial(string scenario)
    {
        var spec = For(scenario);
        var evaluator = new NetworkPolicyEvaluator(Objects(spec).OfType<V1NetworkPolicy>());
        var templates = PodTemplates(spec);
        Endpoint Job(string cronJob) => templates.Where(t => t.Owner == $"CronJob/{cronJob}").Select(t => Endpoint.Pod(cronJob, t.Namespace, t.Labels)).Single();
        var dns = Endpoint.Pod("kube-dns", "kube-system", ("k8s-app", "kube-dns"));
        var kubernetesApi = Endpoint.External("kubernetes API endpoint", "172.18.0.2");

        foreach (var pinsetJob in new[] { Job(StorageNames.BackupCronJob(spec)), Job(StorageNames.RestoreCronJob(spec)) })
        {
            Assert.True(evaluator.Allows(pinsetJob, dns, 53, "UDP"), $"{scenario}: {pinsetJob} -> DNS");
            Assert.True(evaluator.Allows(pinsetJob, dns, 53, "TCP"), $"{scenario}: {pinsetJob} -> DNS over TCP");
            foreach (var ordinal in Enumerable.Range(0, spec.Peers))
                Assert.True(evaluator.Allows(pinsetJob, NodePod(spec, ordinal), Ports.ClusterRestApi), $"{scenario}: {pinsetJob} -> node pod {ordinal} REST API");
        }
        var snapshots = Job(StorageNames.SnapshotCronJob(spec));
        Assert.True(evaluator.Allows(snapshots, dns, 53, "UDP"), $"{scenario}: snapshot job -> DNS");
        Assert.True(evaluator.Allows(snapshots, kubernetesApi, 6443), $"{scenario}: snapshot job -> Kubernetes API");
        Assert.True(evaluator.Allows(snapshots, kubernetesApi, 443), $"{scenario}: snapshot job -> Kubernetes API (443)");
        Assert.False(evaluator.Allows(snapshots, NodePod(spec, 0), Ports.ClusterRestApi), $"{scenario}: the snapshot job has no business with the REST API");
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("private")]
    public void AConfiguredPrometheusPodSelectorAdmitsOnlyThosePodsToTheMetricsPorts(string scenario)
    {
        var spec = For(scenario);
        spec = spec with
        {
            Monitoring = spec.Monitoring with
            {
                PrometheusPodSelector = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "prometheus", ["prometheus"] = "main" },
            },
        };
        var evaluator = new NetworkPolicyEvaluator(Objects(spec).OfType<V1NetworkPolicy>());
        var node = NodePod(spec, 0);
        var main = Endpoint.Pod("main", spec.Monitoring.Namespace, ("app.kubernetes.io/name", "prometheus"), ("prometheus", "main"));
        var other = Endpoint.Pod("other prometheus", spec.Monitoring.Namespace, ("app.kubernetes.io/name", "prometheus"), ("prometheus", "tenant"));

        foreach (var port in new[] { Ports.KuboApi, Ports.ClusterMetrics })
        {
            Assert.True(evaluator.Allows(main, node, port));
            Assert.False(evaluator.Allows(other, node, port));
        }
        Assert.False(evaluator.Allows(main, node, Ports.ClusterRestApi));
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("private")]
    public void ThePinsetJobsTheStorageComponentBuildsReachTheRestApiAndNothingElse(string scenario)
    {
        var spec = For(scenario);
        var objects = Objects(spec);
        var evaluator = new NetworkPolicyEvaluator(objects.OfType<V1NetworkPolicy>());
        var pinsetPods = objects.OfType<V1CronJob>()
            .Select(j => j.Spec.JobTemplate.Spec.Template.Metadata.Labels)
            .Where(l => l.TryGetValue("app.kubernetes.io/name", out var n) && n == StorageNames.PinsetJob)
            .ToList();

        Assert.True(spec.Storage.Backup.Enabled);
        Assert.NotEmpty(pinsetPods);
        foreach (var labels in pinsetPods)
        {
            var job = Endpoint.Pod("pinset job pod", spec.Namespace, new Dictionary<string, string>(labels));
            foreach (var port in PortUniverse)
                Assert.Equal(Show(port) == "9094/TCP", evaluator.Allows(job, NodePod(spec, 0), port.Port, port.Protocol));
        }
    }

    [Fact]
    public void PoliciesThatWouldAllowNothingAreNotBuilt()
    {
        var names = Objects(For("dev")).OfType<V1NetworkPolicy>().Select(p => p.Metadata.Name).ToList();

        Assert.Equal(["ipfs-default-deny-ingress", "ipfs-allow-peers"], names);
    }

    [Fact]
    public void ApiClientNamespacesAreMatchedByTheirNameLabel()
    {
        var spec = For("prod-clients") with
        {
            Network = For("prod-clients").Network with { Api = new ApiAccessSpec(["apps", "batch"], new Dictionary<string, string>()) },
        };
        var evaluator = new NetworkPolicyEvaluator(Objects(spec).OfType<V1NetworkPolicy>());
        var node = NodePod(spec, 0);

        Assert.True(evaluator.Allows(Endpoint.Pod("a", "apps"), node, 9094));
        Assert.True(evaluator.Allows(Endpoint.Pod("b", "batch"), node, 9097));
        Assert.False(evaluator.Allows(Endpoint.Pod("c", "batch-2"), node, 9094));
        Assert.False(evaluator.Allows(Endpoint.Pod("d", spec.Namespace, ApiClientLabel), node, 9094)); // no pod selector configured now
    }
}
