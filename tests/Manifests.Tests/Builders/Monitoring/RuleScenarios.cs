using System.Globalization;
using Ipfs.Manifests.Builders.Monitoring;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Crds.Monitoring;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Tests.Builders.Monitoring;

using Labels = SortedDictionary<string, string>;

/// <summary>One input series of a promtool test: one sample per minute from t=0.</summary>
internal sealed record Series(string Metric, Labels Labels, IReadOnlyList<double> Values)
{
    public string Selector => Metric + "{" + string.Join(",", Labels.Select(kv => $"{kv.Key}=\"{kv.Value}\"")) + "}";

    /// <summary>No sample at this minute (promtool "_").</summary>
    public const double Missing = double.NaN;

    /// <summary>A staleness marker, what Prometheus writes when a target disappears (promtool "stale").</summary>
    public const double Stale = double.NegativeInfinity;

    /// <summary>promtool's value notation.</summary>
    public string ValueText => string.Join(" ", Values.Select(v =>
        double.IsNaN(v) ? "_" : double.IsNegativeInfinity(v) ? "stale" : v.ToString("R", CultureInfo.InvariantCulture)));
}

/// <summary>An alert expected at a check: its labels (without alertname and the rule's own labels) and the value its annotations show.</summary>
internal sealed record ExpectedAlert(Labels Labels, double Value);

/// <summary>At minute <paramref name="AtMinutes"/>, exactly these alerts fire (none: the alert must not fire).</summary>
internal sealed record Check(int AtMinutes, IReadOnlyList<ExpectedAlert> Alerts);

/// <summary>A promtool test group for one alert: input series and checks.</summary>
internal sealed record AlertScenario(string Alert, string Name, IReadOnlyList<Series> Input, IReadOnlyList<Check> Checks);

/// <summary>
/// Input series and expected alerts for every alert of <see cref="AlertRulesBuilder"/>, firing and
/// not firing. Target labels are those Prometheus attaches to targets of the scrape objects the
/// builder emits (the operator's job naming for PodMonitors and ServiceMonitors, the usual
/// kubernetes-service-endpoints job for annotated Services), so the rules' selectors are tested
/// against what a real Prometheus would store. Values follow the spec's thresholds.
/// </summary>
internal static class RuleScenarios
{
    private static Labels L(params (string Key, string Value)[] pairs) => new(pairs.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);

    private static Labels With(Labels labels, params (string Key, string Value)[] more)
    {
        var copy = new Labels(labels, StringComparer.Ordinal);
        foreach (var (k, v) in more) copy[k] = v;
        return copy;
    }

    private static IReadOnlyList<double> Const(double value, int count) => Enumerable.Repeat(value, count).ToList();

    private static IReadOnlyList<double> Then(double first, int firstCount, double then, int thenCount) =>
        [.. Const(first, firstCount), .. Const(then, thenCount)];

    private static int Minutes(string duration) => (int)PrometheusDuration.Parse(duration).TotalMinutes;

    /// <summary>Target labels of kubo (kubo: true) or ipfs-cluster on pod <paramref name="ordinal"/>, as the configured scraping produces them.</summary>
    public static Labels Target(ClusterSpec spec, bool kubo, int ordinal)
    {
        var objects = ClusterManifest.MonitoringObjects(spec);
        var pod = spec.Names.Pod(ordinal);
        var port = kubo ? ScrapeBuilder.KuboPortName : ScrapeBuilder.ClusterPortName;
        var portNumber = kubo ? 5001 : 8888;
        var instance = $"10.0.0.{10 + ordinal}:{portNumber}";
        var container = kubo ? "kubo" : "cluster";
        switch (spec.Monitoring.Scrape)
        {
            case ScrapeMode.PodMonitor:
                // prometheus-operator: job = <PodMonitor namespace>/<PodMonitor name>, endpoint = port name.
                var monitor = objects.OfType<PodMonitor>().Single(m => m.Spec.PodMetricsEndpoints.Any(e => e.Port == port));
                return L(("namespace", spec.Namespace), ("job", $"{monitor.Metadata.NamespaceProperty}/{monitor.Metadata.Name}"),
                    ("pod", pod), ("container", container), ("endpoint", port), ("instance", instance));
            case ScrapeMode.ServiceMonitor:
                // prometheus-operator: job = service = the Service's name, endpoint = its port name.
                var service = objects.OfType<V1Service>().Single(s => s.Spec.Ports.Single().Port == portNumber);
                return L(("namespace", spec.Namespace), ("job", service.Metadata.Name), ("service", service.Metadata.Name),
                    ("pod", pod), ("container", container), ("endpoint", service.Spec.Ports.Single().Name), ("instance", instance));
            default:
                // The prometheus-community chart's kubernetes-service-endpoints job: namespace, service, node.
                var annotated = objects.OfType<V1Service>().Single(s => s.Metadata.Annotations["prometheus.io/port"] == portNumber.ToString(CultureInfo.InvariantCulture));
                return L(("namespace", spec.Namespace), ("job", "kubernetes-service-endpoints"), ("service", annotated.Metadata.Name),
                    ("node", $"node-{ordinal}"), ("instance", instance));
        }
    }

    /// <summary>Labels <c>absent()</c> gives for the up series of a component: its equality matchers.</summary>
    private static Labels AbsentLabels(Labels target) =>
        L(target.Where(kv => kv.Key is "namespace" || (kv.Key == "job" && !target.ContainsKey("service")) || kv.Key == "service").Select(kv => (kv.Key, kv.Value)).ToArray());

    public static IReadOnlyList<AlertScenario> For(ClusterSpec spec)
    {
        var r = spec.Monitoring.Rules;
        var ns = spec.Namespace;
        var sts = spec.Names.StatefulSet;
        Labels C(int i) => Target(spec, kubo: false, i);
        Labels K(int i) => Target(spec, kubo: true, i);
        var ksm = L(("job", "kube-state-metrics"), ("instance", "10.1.0.5:8080"), ("namespace", ns));
        var sset = With(ksm, ("statefulset", sts));
        Labels KsmPod(string pod, string container) => With(ksm, ("pod", pod), ("container", container), ("uid", $"uid-{pod}-{container}"));
        Labels Kubelet(string pvc) => L(("job", "kubelet"), ("instance", "node-0"), ("node", "node-0"), ("namespace", ns), ("persistentvolumeclaim", pvc), ("metrics_path", "/metrics"));
        Labels Cadvisor(string pod, string container) => L(("job", "kubelet"), ("instance", "node-0"), ("node", "node-0"), ("namespace", ns), ("pod", pod),
            ("container", container), ("id", $"/kubepods/{pod}/{container}"), ("image", container.Length == 0 ? "" : $"img-{container}"), ("metrics_path", "/metrics/cadvisor"));

        var scenarios = new List<AlertScenario>();
        var pd = Minutes(r.PeerDownFor);

        foreach (var (alert, target, component) in new[] { ("IpfsClusterPeerDown", (Func<int, Labels>)C, "cluster"), ("IpfsKuboNodeDown", K, "kubo") })
        {
            var n = 5 + pd + 10;
            scenarios.Add(new(alert, $"{component} endpoint of pod 0 fails from minute 5", [
                    new("up", target(0), Then(1, 5, 0, n - 5)),
                    new("up", target(1), Const(1, n)),
                ],
                [
                    new(2, []),
                    new(5 + pd - 1, []), // down, but for less than peerDownFor
                    new(5 + pd + 1, [new(target(0), 0)]),
                ]));
        }

        scenarios.Add(new("IpfsMetricsNotScraped", "no target of this cluster is scraped", [
                new("up", L(("job", "other"), ("instance", "10.9.9.9:9100"), ("namespace", ns)), Const(1, 30)),
            ],
            [
                new(10, []), // absent for less than 15m
                new(16, [new(AbsentLabels(K(0)), 1), new(AbsentLabels(C(0)), 1)]),
            ]));
        scenarios.Add(new("IpfsMetricsNotScraped", "both components are scraped", [
                new("up", K(0), Const(1, 30)),
                new("up", C(0), Const(1, 30)),
            ],
            [new(16, [])]));

        scenarios.Add(new("IpfsClusterReadyPeersBelowConfigured", "one pod not ready from minute 5", [
                new("kube_statefulset_status_replicas_ready", sset, Then(spec.Peers, 5, spec.Peers - 1, 25)),
            ],
            [new(10, []), new(16, [new(sset, spec.Peers - 1)])]));
        scenarios.Add(new("IpfsClusterReadyPeersBelowConfigured", "all pods ready", [
                new("kube_statefulset_status_replicas_ready", sset, Const(spec.Peers, 30)),
                new("kube_statefulset_status_replicas_ready", With(sset, ("statefulset", "other")), Const(0, 30)),
            ],
            [new(20, [])]));

        var min = spec.Replication.Min;
        scenarios.Add(new("IpfsClusterReadyPeersBelowReplicationMin", "ready pods drop below replication.min at minute 5", [
                new("kube_statefulset_status_replicas_ready", sset, Then(spec.Peers, 5, min - 1, 25)),
            ],
            [new(8, []), new(11, [new(sset, min - 1)])]));
        scenarios.Add(new("IpfsClusterReadyPeersBelowReplicationMin", "exactly replication.min pods ready", [
                new("kube_statefulset_status_replicas_ready", sset, Then(spec.Peers, 5, min, 25)),
            ],
            [new(20, [])]));

        var errors = r.PinErrorThreshold + 2;
        scenarios.Add(new("IpfsClusterPinsInError", "pins in error above the threshold from minute 5", [
                new("ipfscluster_pins_pin_error", C(0), Then(0, 5, errors, 25)),
                new("ipfscluster_pins_pin_error", C(1), Const(0, 30)),
            ],
            [new(15, []), new(21, [new(C(0), errors)])]));
        scenarios.Add(new("IpfsClusterPinsInError", "pins in error at the threshold", [
                new("ipfscluster_pins_pin_error", C(0), Const(r.PinErrorThreshold, 30)),
            ],
            [new(25, [])]));

        var w = Minutes(r.QueueGrowthWindow);
        var growing = Enumerable.Range(0, 2 * w + 12).Select(t => t < 5 ? 0.0 : 10 + 5 * (t - 5)).ToList();
        scenarios.Add(new("IpfsClusterPinQueueGrowing", "queue grows from minute 5", [
                new("ipfscluster_pins_pin_queued", C(0), growing),
            ],
            [new(5 + w - 2, []), new(5 + w + 2, [new(C(0), 10 + 5 * (w + 2))])]));
        scenarios.Add(new("IpfsClusterPinQueueGrowing", "queue long but steady", [
                new("ipfscluster_pins_pin_queued", C(0), Const(40, 2 * w + 12)),
            ],
            [new(2 * w + 10, [])]));

        var fast = Math.Floor(r.PinAddErrorThreshold / 15.0) + 1; // errors per minute: 15 minutes exceed the threshold
        scenarios.Add(new("IpfsClusterPinAddErrors", "failed pin requests above the threshold", [
                new("ipfscluster_pins_pin_add_errors", C(0), Enumerable.Range(0, 40).Select(t => fast * t).ToList()),
            ],
            [new(30, [new(C(0), 15 * fast)])]));
        scenarios.Add(new("IpfsClusterPinAddErrors", "failed pin requests at half the threshold", [
                new("ipfscluster_pins_pin_add_errors", C(0), Enumerable.Range(0, 40).Select(t => r.PinAddErrorThreshold / 30.0 * t).ToList()),
            ],
            [new(30, [])]));

        const double Capacity = 1000;
        double Available(int usedPercent) => Capacity * (100 - usedPercent) / 100;
        var full = Math.Min(r.VolumeFullPercent + 5, 100);
        scenarios.Add(new("IpfsVolumeAlmostFull", "data volume of pod 0 above the threshold, another cluster's volume full", [
                new("kubelet_volume_stats_capacity_bytes", Kubelet($"data-{sts}-0"), Const(Capacity, 20)),
                new("kubelet_volume_stats_available_bytes", Kubelet($"data-{sts}-0"), Const(Available(full), 20)),
                new("kubelet_volume_stats_capacity_bytes", Kubelet("data-other-0"), Const(Capacity, 20)),
                new("kubelet_volume_stats_available_bytes", Kubelet("data-other-0"), Const(0, 20)),
            ],
            [new(8, []), new(12, [new(Kubelet($"data-{sts}-0"), full)])]));
        scenarios.Add(new("IpfsVolumeAlmostFull", "volumes below the threshold", [
                new("kubelet_volume_stats_capacity_bytes", Kubelet($"state-{sts}-1"), Const(Capacity, 20)),
                new("kubelet_volume_stats_available_bytes", Kubelet($"state-{sts}-1"), Const(Available(r.VolumeFullPercent - 5), 20)),
            ],
            [new(12, [])]));

        scenarios.Add(new("IpfsClusterFreeSpaceMetricMissing", "pod 0 reports 0 from minute 5, pod 1 never reports, pod 2 is down", [
                new("up", C(0), Const(1, 25)),
                new("ipfscluster_informer_disk", C(0), Then(1e9, 5, 0, 20)),
                new("up", C(1), Const(1, 25)),
                new("up", C(2), Const(0, 25)),
            ],
            [new(8, []), new(17, [new(C(0), 0), new(C(1), 1)])]));
        scenarios.Add(new("IpfsClusterFreeSpaceMetricMissing", "free space reported", [
                new("up", C(0), Const(1, 25)),
                new("ipfscluster_informer_disk", C(0), Const(1e9, 25)),
            ],
            [new(17, [])]));

        if (!(spec.Network.PrivateSwarm && spec.Peers == 1))
        {
            scenarios.Add(new("IpfsKuboNoSwarmPeers", "kubo on pod 0 up without peers, pod 1 connected", [
                    new("up", K(0), Const(1, 20)),
                    new("up", K(1), Const(1, 20)),
                    new("ipfs_p2p_peers_total", With(K(1), ("transport", "/ip4/tcp")), Const(2, 20)),
                ],
                [new(8, []), new(12, [new(K(0), 1)])]));
            scenarios.Add(new("IpfsKuboNoSwarmPeers", "kubo connected", [
                    new("up", K(0), Const(1, 20)),
                    new("ipfs_p2p_peers_total", With(K(0), ("transport", "/ip4/udp/quic-v1")), Const(7, 20)),
                ],
                [new(12, [])]));
        }

        scenarios.AddRange(PinsetScenarios(spec, C));
        scenarios.AddRange(ReplicationScenarios(spec, C));

        var restarts = r.RestartThreshold;
        IReadOnlyList<double> Restarts(int count) => Enumerable.Range(0, 40).Select(t => (double)Math.Clamp(t - 10, 0, count)).ToList();
        scenarios.Add(new("IpfsPodRestarting", "kubo on pod 0 restarts often; another pod restarts more", [
                new("kube_pod_container_status_restarts_total", KsmPod($"{sts}-0", "kubo"), Restarts(restarts)),
                new("kube_pod_container_status_restarts_total", KsmPod($"{sts}-0", "cluster"), Const(0, 40)),
                new("kube_pod_container_status_restarts_total", KsmPod("other-0", "app"), Restarts(restarts + 10)),
            ],
            [new(8, []), new(12 + restarts, [new(KsmPod($"{sts}-0", "kubo"), restarts)])]));
        scenarios.Add(new("IpfsPodRestarting", "one restart fewer than the threshold", [
                new("kube_pod_container_status_restarts_total", KsmPod($"{sts}-1", "cluster"), Restarts(restarts - 1)),
            ],
            [new(35, [])]));

        const double Limit = 1000;
        var high = r.MemoryPercent + 5;
        var memoryAlert = L(("namespace", ns), ("pod", $"{sts}-0"), ("container", "kubo"));
        scenarios.Add(new("IpfsContainerMemoryNearLimit", "kubo on pod 0 near its limit; the pod cgroup series is ignored", [
                new("container_memory_working_set_bytes", Cadvisor($"{sts}-0", "kubo"), Const(Limit * high / 100, 25)),
                new("container_memory_working_set_bytes", Cadvisor($"{sts}-0", ""), Const(Limit * 10, 25)),
                new("kube_pod_container_resource_limits", With(KsmPod($"{sts}-0", "kubo"), ("resource", "memory"), ("unit", "byte")), Const(Limit, 25)),
                new("kube_pod_container_resource_limits", With(KsmPod($"{sts}-0", "kubo"), ("resource", "cpu"), ("unit", "core")), Const(1, 25)),
            ],
            [new(10, []), new(17, [new(memoryAlert, high)])]));
        scenarios.Add(new("IpfsContainerMemoryNearLimit", "below the threshold", [
                new("container_memory_working_set_bytes", Cadvisor($"{sts}-0", "cluster"), Const(Limit * (r.MemoryPercent - 5) / 100, 25)),
                new("kube_pod_container_resource_limits", With(KsmPod($"{sts}-0", "cluster"), ("resource", "memory"), ("unit", "byte")), Const(Limit, 25)),
            ],
            [new(17, [])]));

        return scenarios;
    }

    /// <summary>Labels of the per-peer result of the pinset alerts: the group labels plus the label naming the target.</summary>
    private static Labels PeerOf(ClusterSpec spec, Labels target) =>
        L(target.Where(kv => kv.Key is "namespace" or "job" || kv.Key == MetricTargets.For(spec).TargetLabel).Select(kv => (kv.Key, kv.Value)).ToArray());

    /// <summary>
    /// ipfscluster_pins as ipfs-cluster v1.1.6 records it (state/dsstate): the full pinset size at
    /// each full listing (a state sync every 5 minutes, at <paramref name="phase"/>), and on a peer
    /// taking writes under CRDT batching, the batching state's own count of pins added since start
    /// in between.
    /// </summary>
    private static IReadOnlyList<double> BusyPeer(Func<int, double> pinset, int phase, int minutes) =>
        Enumerable.Range(0, minutes).Select(t => t % 5 == phase ? pinset(t - 1) : 20.0 * (t % 5 + 1)).ToList();

    private static IEnumerable<AlertScenario> PinsetScenarios(ClusterSpec spec, Func<int, Labels> c)
    {
        const string Alert = "IpfsClusterPinsetDiverging";
        var r = spec.Monitoring.Rules;
        var dw = Minutes(r.PinsetDivergenceWindow);
        var n = 25 + dw + 15;
        var peers = Math.Min(spec.Peers, 3);
        IEnumerable<int> Peers() => Enumerable.Range(0, peers);
        double Growing(int t) => 5000 + 50.0 * Math.Max(t, 0); // 500 pins per 10m: far above every threshold

        // The pattern that made the instant-value comparison page: every peer healthy, gauges far apart between syncs.
        yield return new(Alert, "busy healthy peers under CRDT batching, syncing at different minutes", [
                .. Peers().Select(i => new Series("ipfscluster_pins", c(i), BusyPeer(Growing, i * 2 % 5, n))),
            ],
            [new(25 + dw, []), new(n - 1, [])]);

        // Pod 0 restarts at minute 20: a new series (new pod IP) that counts from zero until its first sync at minute 26.
        var restarted = With(c(0), ("instance", "10.0.0.99:8888"));
        IReadOnlyList<double> Before(int until) => Enumerable.Range(0, n).Select(t => t < until ? 5000.0 : t == until ? Series.Stale : Series.Missing).ToList();
        IReadOnlyList<double> After(int from, int sync) => Enumerable.Range(0, n).Select(t => t < from ? Series.Missing : t < sync ? 10.0 * (t - from) : 5000.0).ToList();
        yield return new(Alert, "a restarted peer before its first state sync", [
                new("ipfscluster_pins", c(0), Before(20)),
                new("ipfscluster_pins", restarted, After(22, 26)),
                .. Peers().Skip(1).Select(i => new Series("ipfscluster_pins", c(i), Const(5000, n))),
            ],
            [new(24, []), new(25 + dw, []), new(n - 1, [])]);

        // Every peer drops 2000 pins at minute 15: the pinset shrinks, nobody lags.
        yield return new(Alert, "a mass unpin seen by every peer", [
                .. Peers().Select(i => new Series("ipfscluster_pins", c(i), Enumerable.Range(0, n).Select(t => t < 15 + i ? 5000.0 : 3000.0).ToList())),
            ],
            [new(30, []), new(n - 1, [])]);

        // The last peer stops applying CRDT updates at minute 10 while the busy peers keep syncing.
        if (peers < 2) yield break;
        var stuck = peers - 1;
        const double Stalled = 5000 + 50.0 * 10;
        var others = Peers().Where(i => i != stuck).ToList();
        var length = 40 + dw + 15;
        var series = others.Select(i => new Series("ipfscluster_pins", c(i), BusyPeer(Growing, i * 2 % 5, length)))
            .Append(new Series("ipfscluster_pins", c(stuck), Enumerable.Range(0, length).Select(t => t < 10 ? Growing(t) : Stalled).ToList()))
            .ToList();
        // The lag as the rule computes it, for closed and for left-open range windows (Prometheus 2 and 3).
        double Lag(int t, bool leftOpen)
        {
            bool In(int s, int from, int to) => (leftOpen ? s > from : s >= from) && s <= to && s >= 0;
            var earlier = series.Max(x => x.Values.Where((v, s) => In(s, t - 20, t - 10)).DefaultIfEmpty(0).Max());
            var listed = series[^1].Values.Where((v, s) => In(s, t - 10, t)).Max();
            return earlier - listed;
        }
        bool Lagging(int t) => Lag(t, false) > r.PinsetDivergenceThreshold || Lag(t, true) > r.PinsetDivergenceThreshold;
        bool SurelyLagging(int t) => Lag(t, false) > r.PinsetDivergenceThreshold && Lag(t, true) > r.PinsetDivergenceThreshold;
        var earliest = Enumerable.Range(20, length - 20).First(Lagging);
        var surely = Enumerable.Range(20, length - 20).First(t => Enumerable.Range(t, length - t).All(SurelyLagging));
        // Check where no window edge falls on a sync minute of a busy peer, so both range semantics agree on the value.
        var firing = Enumerable.Range(surely + dw + 1, 5).First(t => others.All(i => t % 5 != i * 2 % 5));
        yield return new(Alert, "a peer stuck behind while busy peers keep syncing", series,
            [new(earliest + dw - 2, []), new(firing, [new(PeerOf(spec, c(stuck)), Lag(firing, false))])]);
    }

    private static IEnumerable<AlertScenario> ReplicationScenarios(ClusterSpec spec, Func<int, Labels> c)
    {
        const string Alert = "IpfsClusterPinsBelowReplicationMin";
        var min = spec.Replication.Min;
        var uf = Minutes(spec.Monitoring.Rules.UnderReplicatedFor);
        var n = 5 + uf + 15;
        var pinset = 1000.0 * spec.Peers;
        var group = L(c(0).Where(kv => kv.Key is "namespace" or "job").Select(kv => (kv.Key, kv.Value)).ToArray());
        IEnumerable<int> Peers() => Enumerable.Range(0, spec.Peers);

        // Exactly replication.min replicas of every pin, spread evenly; the pins gauge dips under batching.
        yield return new(Alert, "every pin at replication.min on busy peers", [
                .. Peers().Select(i => new Series("ipfscluster_pins", c(i), BusyPeer(_ => pinset, i % 5, n))),
                .. Peers().Select(i => new Series("ipfscluster_pins_ipfs_pins", c(i), Const(1000.0 * min, n))),
            ],
            [new(n - 1, [])]);

        if (spec.Peers < 2) yield break;
        // Peer 0 is gone from minute 5 with its replicas; nothing re-allocates them.
        var firing = 5 + uf + 2;
        IReadOnlyList<double> Gone(double value) => Enumerable.Range(0, n).Select(t => t < 5 ? value : t == 5 ? Series.Stale : Series.Missing).ToList();
        yield return new(Alert, "a peer gone with its replicas", [
                new("ipfscluster_pins", c(0), Gone(pinset)),
                new("ipfscluster_pins_ipfs_pins", c(0), Gone(1000.0 * min)),
                .. Peers().Skip(1).Select(i => new Series("ipfscluster_pins", c(i), Const(pinset, n))),
                .. Peers().Skip(1).Select(i => new Series("ipfscluster_pins_ipfs_pins", c(i), Const(1000.0 * min, n))),
            ],
            [new(5 + uf - 2, []), new(firing, [new(group, 1000.0 * min)])]);
    }
}
