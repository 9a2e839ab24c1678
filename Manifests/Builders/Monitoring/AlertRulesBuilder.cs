using System.Globalization;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Crds.Monitoring;
using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Builders.Monitoring;

/// <summary>
/// The alerts an on-call engineer needs for the cluster, as a PrometheusRule. Every expression
/// names only metrics the deployment exports (ipfs-cluster's <c>ipfscluster_*</c>, kubo's
/// <c>ipfs_*</c>, kube-state-metrics, kubelet and <c>up</c>); thresholds come from
/// <c>monitoring.rules.*</c>. Every alert carries a severity, a summary, a description and a runbook.
/// </summary>
public static class AlertRulesBuilder
{
    /// <summary>Name of the one rule group.</summary>
    public const string GroupName = "ipfs-cluster";

    /// <summary>The PrometheusRule object.</summary>
    public static PrometheusRule Build(ClusterSpec spec) => new()
    {
        Metadata = ScrapeBuilder.SelectedByPrometheus(spec, MonitoringNames.Rules(spec)),
        Spec = new PrometheusRuleSpec { Groups = Groups(spec) },
    };

    /// <summary>The rule groups, the body of a Prometheus rule file (what <c>promtool check rules</c> reads).</summary>
    public static IList<RuleGroup> Groups(ClusterSpec spec) => [new RuleGroup { Name = GroupName, Rules = Rules(spec) }];

    /// <summary>The alerting rules, in a fixed order.</summary>
    public static IList<Rule> Rules(ClusterSpec spec)
    {
        var t = MetricTargets.For(spec);
        var r = spec.Monitoring.Rules;
        var ns = spec.Namespace;
        var sts = spec.Names.StatefulSet;
        var target = $"{{{{ $labels.{t.TargetLabel} }}}}";
        const string Value = "{{ $value | printf \"%.0f\" }}";
        var pods = $"kubectl -n {ns} get pods -l app.kubernetes.io/instance={spec.Name} -o wide";
        var cluster = $"kubectl -n {ns} exec <pod> -c cluster -- sh -c 'ipfs-cluster-ctl --basic-auth \"$CLUSTER_RESTAPI_BASICAUTHCREDENTIALS\"";
        // Each peer's pinset size at its last full listing (see IpfsClusterPinsetDiverging), per
        // target so that a restarted pod's old and new series count as one peer.
        var window = $"{(int)ClusterTimings.FullListingWindow.TotalMinutes}m";
        var listed = $"max by (namespace, job, {t.TargetLabel}) (max_over_time(ipfscluster_pins{{{t.Cluster}}}[{window}]))";
        var leaderNow = $"max by (namespace, job) (max_over_time(ipfscluster_pins{{{t.Cluster}}}[{window}]))";
        var leaderEarlier = $"max by (namespace, job) (max_over_time(ipfscluster_pins{{{t.Cluster}}}[{window}] offset {window}))";
        var prometheus = $"the pods of namespace {spec.Monitoring.Namespace} labelled {string.Join(',', spec.Monitoring.PrometheusPodSelector.Select(l => $"{l.Key}={l.Value}"))}";

        var rules = new List<Rule>
        {
            Alert("IpfsClusterPeerDown", $"up{{{t.Cluster}}} == 0", r.PeerDownFor, Warning,
                $"ipfs-cluster peer {target} is down",
                $"Prometheus has not scraped ipfs-cluster on {target} in namespace {ns} for {r.PeerDownFor}. While the peer is away, the pins allocated to it have one replica fewer. " +
                (spec.Repinning.Enabled
                    ? $"Its pins are re-allocated if it stays silent longer than {spec.Repinning.Grace} to 2 x {spec.Repinning.Grace} + {spec.Repinning.CheckInterval} (cluster.repinning.grace)."
                    : "Repinning is off: its pins stay where they are until it returns."),
                $"{pods}; kubectl -n {ns} describe pod <pod>; kubectl -n {ns} logs <pod> -c cluster --previous. If the pod runs, check GET /health on port 9094 and that the NetworkPolicy admits {prometheus} to port 8888."),

            Alert("IpfsKuboNodeDown", $"up{{{t.Kubo}}} == 0", r.PeerDownFor, Warning,
                $"kubo node {target} is down",
                $"Prometheus has not scraped kubo's RPC API (port 5001) on {target} in namespace {ns} for {r.PeerDownFor}. Its ipfs-cluster peer cannot pin or unpin until kubo answers again.",
                $"kubectl -n {ns} logs <pod> -c kubo --previous (repo migration, datastore lock, out of memory); kubectl -n {ns} exec <pod> -c kubo -- ipfs diag healthy. If kubo is healthy, check that the NetworkPolicy admits {prometheus} to port 5001."),

            Alert("IpfsMetricsNotScraped", $"absent(up{{{t.Kubo}}}) or absent(up{{{t.Cluster}}})", "15m", Warning,
                $"No metrics of {ns}/{spec.Name} reach Prometheus",
                $"Prometheus has no scrape target for {{{{ $labels.job }}}}{{{{ $labels.service }}}} in namespace {ns}: every other alert of this cluster is blind.",
                NotScrapedRunbook(spec)),

            Alert("IpfsClusterReadyPeersBelowConfigured", $"kube_statefulset_status_replicas_ready{{{t.StatefulSet}}} < {I(spec.Peers)}", "10m", Warning,
                $"{Value} of {I(spec.Peers)} IPFS peers are ready",
                $"Only {Value} of the {I(spec.Peers)} configured pods of StatefulSet {ns}/{sts} have been ready for 10m; pins allocated to the missing peers are under-replicated.",
                $"{pods}; describe the pods that are not ready. Pending: node capacity, anti-affinity or a volume bound to another zone. CrashLoopBackOff: kubectl -n {ns} logs <pod> -c kubo --previous (and -c cluster)."),

            Alert("IpfsClusterReadyPeersBelowReplicationMin", $"kube_statefulset_status_replicas_ready{{{t.StatefulSet}}} < {I(spec.Replication.Min)}", "5m", Critical,
                $"Fewer ready IPFS peers than replication.min ({I(spec.Replication.Min)})",
                $"Only {Value} pods of StatefulSet {ns}/{sts} are ready, fewer than the replication factor minimum {I(spec.Replication.Min)}: new pins cannot get their minimum replicas and fail.",
                $"Bring peers back before anything else: {pods}; kubectl -n {ns} describe pod <pod>; kubectl -n {ns} get events --sort-by=.lastTimestamp. Lowering replication.min is a last resort."),

            Alert("IpfsClusterPinsInError", $"ipfscluster_pins_pin_error{{{t.Cluster}}} > {I(r.PinErrorThreshold)}", "15m", Warning,
                $"{Value} pins in error on {target}",
                $"ipfs-cluster on {target} has had more than {I(r.PinErrorThreshold)} pins in pin_error for 15m: kubo could not fetch or pin that content.",
                $"List them: {cluster} status --filter pin_error'. Retry one with recover <cid> (same command). Many errors at once: check kubo's swarm peers and logs."),

            Alert("IpfsClusterPinQueueGrowing",
                $"ipfscluster_pins_pin_queued{{{t.Cluster}}} > 0 and delta(ipfscluster_pins_pin_queued{{{t.Cluster}}}[{r.QueueGrowthWindow}]) > 0", r.QueueGrowthWindow, Warning,
                $"Pin queue on {target} keeps growing",
                $"{Value} pins are queued on {target} and the queue has kept growing over {r.QueueGrowthWindow}: pins arrive faster than kubo completes them (content hard to find, too few cluster.concurrentPins, or a struggling kubo).",
                $"{cluster} status --filter queued,pinning'. Check the dashboard's bitswap and swarm panels for {target}; raise cluster.concurrentPins if kubo has headroom."),

            Alert("IpfsClusterPinAddErrors", $"increase(ipfscluster_pins_pin_add_errors{{{t.Cluster}}}[15m]) > {I(r.PinAddErrorThreshold)}", "5m", Warning,
                $"Pin requests to kubo are failing on {target}",
                $"About {Value} pin requests from ipfs-cluster to kubo failed on {target} in the last 15m (threshold {I(r.PinAddErrorThreshold)}).",
                $"kubectl -n {ns} logs <pod> -c cluster | grep -i error; kubectl -n {ns} logs <pod> -c kubo; kubectl -n {ns} exec <pod> -c kubo -- ipfs diag healthy. A full repo also fails pins: see the free-space alerts."),

            Alert("IpfsVolumeAlmostFull",
                $"100 * (1 - kubelet_volume_stats_available_bytes{{{t.Volumes}}} / kubelet_volume_stats_capacity_bytes{{{t.Volumes}}}) > {I(r.VolumeFullPercent)}", "10m", Warning,
                $"Volume {{{{ $labels.persistentvolumeclaim }}}} is {Value}% full",
                $"PersistentVolumeClaim {{{{ $labels.persistentvolumeclaim }}}} in namespace {ns} is more than {I(r.VolumeFullPercent)}% full. kubo keeps its datastore under Datastore.StorageMax (80% of the data volume) with garbage collection; ipfs-cluster has no disk-full guard.",
                $"kubectl -n {ns} exec <pod> -c kubo -- ipfs repo stat --human. Free space by unpinning (ipfs-cluster-ctl pin rm) and letting kubo's GC run, or expand the claim (StorageClass with allowVolumeExpansion) and raise storage.dataSize / storage.stateSize to match."),

            Alert("IpfsClusterFreeSpaceMetricMissing",
                $"ipfscluster_informer_disk{{{t.Cluster}}} == 0 or (up{{{t.Cluster}}} == 1 unless on (job, instance) ipfscluster_informer_disk{{{t.Cluster}}})", "10m", Critical,
                $"ipfs-cluster on {target} reports no free space",
                $"ipfs-cluster's free-space metric (ipfscluster_informer_disk) on {target} is 0 or missing while the peer is up: kubo's repo has reached Datastore.StorageMax, or kubo does not answer repo stat. The peer gets no new allocations and pins on it fail.",
                $"kubectl -n {ns} exec <pod> -c kubo -- ipfs repo stat --human; compare RepoSize with StorageMax. Run ipfs repo gc, unpin content, or expand the data volume and raise storage.dataSize."),
        };

        // A single peer in a private swarm has nobody to connect to: the alert would never clear.
        if (!(spec.Network.PrivateSwarm && spec.Peers == 1))
        {
            rules.Add(Alert("IpfsKuboNoSwarmPeers", $"up{{{t.Kubo}}} == 1 unless on (job, instance) ipfs_p2p_peers_total{{{t.Kubo}}}", "10m", Warning,
                $"kubo on {target} has no swarm peers",
                $"kubo on {target} answers but has had no libp2p connection for 10m (no ipfs_p2p_peers_total series): it can neither fetch nor provide content, not even from the cluster's other kubo nodes in Peering.Peers.",
                $"kubectl -n {ns} exec <pod> -c kubo -- ipfs swarm peers; ipfs swarm addrs local; ipfs config Swarm.AddrFilters (must not filter network.clusterCidrs). Private swarm: the swarm key must match on every node. Check the NetworkPolicies on port 4001."));
        }

        rules.AddRange(
        [
            Alert("IpfsClusterPinsetDiverging",
                $"({leaderEarlier} - on (namespace, job) group_right {listed}) > {I(r.PinsetDivergenceThreshold)} and on (namespace, job) ({leaderNow} >= {leaderEarlier})",
                r.PinsetDivergenceWindow, Warning,
                $"{target} lags {Value} pins behind the pinset of {ns}/{spec.Name}",
                $"The last full pinset listing of {target} holds {Value} pins fewer than the leading peer listed {window} earlier (more than {I(r.PinsetDivergenceThreshold)}), for {r.PinsetDivergenceWindow}, while the pinset is not shrinking: the peer does not receive or apply CRDT updates. " +
                $"Compared over {window} windows because ipfscluster_pins is the pinset size only at a full listing (every state sync, {ClusterTimings.StateSyncIntervalText}); under CRDT batching a peer taking writes records its batch count into the same gauge in between, and a restarted peer counts from zero until its first sync.",
                $"On the lagging peer: kubectl -n {ns} logs <pod> -c cluster | grep -i crdt; {cluster} peers ls'. Restarting the lagging peer makes it fetch the missing CRDT deltas from the others."),

            Alert("IpfsClusterPinsBelowReplicationMin",
                $"({I(spec.Replication.Min)} * {leaderNow} - on (namespace, job) sum by (namespace, job) (ipfscluster_pins_ipfs_pins{{{t.Cluster}}})) > 0",
                r.UnderReplicatedFor, Critical,
                $"About {Value} pin replicas of {ns}/{spec.Name} are missing below replication.min",
                $"The peers' kubo nodes hold {Value} pins fewer than replication.min ({I(spec.Replication.Min)}) times the pinset, for {r.UnderReplicatedFor}: some pins have fewer than {I(spec.Replication.Min)} replicas. " +
                "ipfs-cluster exports no per-pin replication count; this compares the sum of ipfscluster_pins_ipfs_pins (recursive pins on each reachable kubo) with the pinset size, a lower bound: it cannot see a pin below the minimum while other pins sit above it, and pins made on kubo outside the cluster hide missing ones. " +
                (spec.Repinning.Enabled
                    ? $"Repinning is on: a peer silent longer than 2 x {spec.Repinning.Grace} + {spec.Repinning.CheckInterval} has its pins re-allocated; until then and while re-allocated pins are fetched, this fires."
                    : "Repinning is off (cluster.repinning.enabled): the pins of a gone peer stay under-replicated until it returns or is removed."),
                $"{cluster} status --filter pin_error,queued,pinning,unpinned' lists pins not yet replicated; {cluster} peers ls' shows gone peers. Bring gone peers back, or remove one for good with ipfs-cluster-ctl peers rm <id> (its pins are re-allocated)."),

            Alert("IpfsPodRestarting", $"increase(kube_pod_container_status_restarts_total{{{t.Pods}}}[1h]) >= {I(r.RestartThreshold)}", null, Warning,
                $"{{{{ $labels.container }}}} in {{{{ $labels.pod }}}} restarted {Value} times in 1h",
                $"Container {{{{ $labels.container }}}} of {ns}/{{{{ $labels.pod }}}} restarted at least {I(r.RestartThreshold)} times within an hour.",
                $"kubectl -n {ns} describe pod <pod> (OOMKilled: raise resources.<container>.limits.memory; liveness probe failures: ipfs diag healthy for kubo, GET /health on 9094 for cluster); kubectl -n {ns} logs <pod> -c <container> --previous."),

            Alert("IpfsContainerMemoryNearLimit",
                $"max by (namespace, pod, container) (container_memory_working_set_bytes{{{t.Pods},container=~\"kubo|cluster\"}}) / max by (namespace, pod, container) (kube_pod_container_resource_limits{{{t.Pods},container=~\"kubo|cluster\",resource=\"memory\"}}) * 100 > {I(r.MemoryPercent)}",
                "15m", Warning,
                $"{{{{ $labels.container }}}} in {{{{ $labels.pod }}}} uses {Value}% of its memory limit",
                $"Container {{{{ $labels.container }}}} of {ns}/{{{{ $labels.pod }}}} has used more than {I(r.MemoryPercent)}% of its memory limit for 15m. GOMEMLIMIT is 90% of the limit, so Go's GC already works hard; the OOM killer is next.",
                "Raise resources.kubo.limits.memory or resources.cluster.limits.memory (GOMEMLIMIT and kubo's resource manager follow the limit), or reduce load (connections, concurrent pins)."),
        ]);
        return rules;
    }

    private const string Warning = "warning";
    private const string Critical = "critical";

    private static string NotScrapedRunbook(ClusterSpec spec)
    {
        var labels = string.Join(", ", spec.Monitoring.PrometheusLabels.Select(kv => $"{kv.Key}={kv.Value}"));
        return spec.Monitoring.Scrape switch
        {
            ScrapeMode.PodMonitor => $"kubectl -n {spec.Namespace} get podmonitors. The Prometheus must select PodMonitors labelled {labels} (podMonitorSelector) in namespace {spec.Namespace} (podMonitorNamespaceSelector). Status > Targets in the Prometheus UI lists what it scrapes.",
            ScrapeMode.ServiceMonitor => $"kubectl -n {spec.Namespace} get servicemonitors,endpoints. The Prometheus must select ServiceMonitors labelled {labels} (serviceMonitorSelector) in namespace {spec.Namespace} (serviceMonitorNamespaceSelector). Status > Targets in the Prometheus UI lists what it scrapes.",
            _ => $"kubectl -n {spec.Namespace} get endpoints {MonitoringNames.KuboMetricsService(spec)} {MonitoringNames.ClusterMetricsService(spec)}. The Prometheus needs a kubernetes-service-endpoints job that honours the prometheus.io/scrape, port and path annotations and labels targets with namespace and service.",
        };
    }

    private static Rule Alert(string name, string expr, string? forDuration, string severity, string summary, string description, string runbook) => new()
    {
        Alert = name,
        Expr = expr,
        For = forDuration,
        Labels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["severity"] = severity },
        Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["description"] = description,
            ["runbook"] = runbook,
            ["summary"] = summary,
        },
    };

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
