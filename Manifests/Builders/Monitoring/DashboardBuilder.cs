using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders.Monitoring;

/// <summary>
/// The Grafana dashboard as a ConfigMap the Grafana sidecar picks up (by <c>monitoring.dashboard.labels</c>,
/// filed under <c>monitoring.dashboard.folder</c>): peers, pins by state, pin throughput, free disk,
/// bitswap and swarm peers, per-pod CPU and memory. Every query names only exported metrics.
/// </summary>
public static class DashboardBuilder
{
    /// <summary>The dashboard ConfigMap.</summary>
    public static V1ConfigMap Build(ClusterSpec spec)
    {
        var d = spec.Monitoring.Dashboard;
        var labels = ObjectMeta.Labels(spec, "monitoring");
        foreach (var (key, value) in d.Labels) labels[key] = value;
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = MonitoringNames.Dashboard(spec),
                NamespaceProperty = MonitoringNames.DashboardNamespace(spec),
                Labels = labels,
                Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { [d.FolderAnnotation] = d.Folder },
            },
            Data = new SortedDictionary<string, string>(StringComparer.Ordinal) { [FileName(spec)] = Json(spec) },
        };
    }

    /// <summary>The ConfigMap key (the file name the sidecar writes).</summary>
    public static string FileName(ClusterSpec spec) => $"{MonitoringNames.Dashboard(spec)}.json";

    /// <summary>The dashboard model as indented JSON.</summary>
    public static string Json(ClusterSpec spec) =>
        Model(spec).ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            NewLine = "\n",
            // Readable PromQL in the ConfigMap: quotes stay quotes (the JSON lives in YAML, never in HTML).
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n";

    /// <summary>Stable dashboard uid (Grafana allows 40 characters) derived from namespace and name.</summary>
    public static string Uid(ClusterSpec spec) =>
        "ipfs-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{spec.Namespace}/{spec.Name}")))[..20];

    /// <summary>Every PromQL expression of the dashboard, by panel title.</summary>
    public static IReadOnlyList<(string Panel, string Expr)> Queries(ClusterSpec spec) =>
        Panels(spec).SelectMany(p => p.Targets.Select(t => (p.Title, t.Expr))).ToList();

    private sealed record Target(string Expr, string Legend);

    private sealed record Panel(string Type, string Title, string Description, string Unit, int Width, int Height, IReadOnlyList<Target> Targets, double? Threshold = null);

    private static List<Panel> Panels(ClusterSpec spec)
    {
        var t = MetricTargets.For(spec);
        var by = t.TargetLabel;
        var who = $"{{{{{by}}}}}";
        const string Rate = "$__rate_interval";
        var listing = $"{(int)NodeSet.ClusterTimings.FullListingWindow.TotalMinutes}m";
        var containers = $"{t.Pods},container=~\"kubo|cluster\"";
        return
        [
            new("stat", "ipfs-cluster peers up", "ipfs-cluster metrics endpoints Prometheus scrapes successfully (there is no peer-count gauge).", "none", 6, 4,
                [new($"sum(up{{{t.Cluster}}})", "peers up")]),
            new("stat", "kubo nodes up", "kubo RPC endpoints Prometheus scrapes successfully.", "none", 6, 4,
                [new($"sum(up{{{t.Kubo}}})", "kubo up")]),
            new("stat", "Ready pods", "Ready pods of the StatefulSet (kube-state-metrics).", "none", 6, 4,
                [new($"kube_statefulset_status_replicas_ready{{{t.StatefulSet}}}", "ready")]),
            new("stat", "Configured peers", "Replicas the StatefulSet asks for.", "none", 6, 4,
                [new($"kube_statefulset_replicas{{{t.StatefulSet}}}", "configured")]),

            new("timeseries", "Pins by state", $"Pins in the shared cluster state (the largest full listing of any peer over {listing}: ipfscluster_pins is the pinset size only at a state sync), and the pin tracker's queued, pinning and pin_error counts summed over peers.", "none", 12, 8,
            [
                new($"max(max_over_time(ipfscluster_pins{{{t.Cluster}}}[{listing}]))", "in cluster state"),
                new($"sum(ipfscluster_pins_pin_queued{{{t.Cluster}}})", "queued"),
                new($"sum(ipfscluster_pins_pinning{{{t.Cluster}}})", "pinning"),
                new($"sum(ipfscluster_pins_pin_error{{{t.Cluster}}})", "pin_error"),
            ]),
            new("timeseries", "Pins per peer", $"Each peer's view of the cluster state at its last full listing (most over {listing}; under CRDT batching the gauge shows batch counts between state syncs, and counts from zero after a restart), and what its kubo has pinned.", "none", 12, 8,
            [
                new($"max by ({by}) (max_over_time(ipfscluster_pins{{{t.Cluster}}}[{listing}]))", $"state {who}"),
                new($"sum by ({by}) (ipfscluster_pins_ipfs_pins{{{t.Cluster}}})", $"pinned on kubo {who}"),
            ]),
            new("timeseries", "Pin throughput", "Pin requests ipfs-cluster sends to kubo, and those that fail.", "ops", 12, 8,
            [
                new($"sum by ({by}) (rate(ipfscluster_pins_pin_add{{{t.Cluster}}}[{Rate}]))", $"pin requests {who}"),
                new($"sum by ({by}) (rate(ipfscluster_pins_pin_add_errors{{{t.Cluster}}}[{Rate}]))", $"failed {who}"),
            ]),
            new("timeseries", "Block ingest", "Blocks added through ipfs-cluster (adds via the REST API or proxy).", "ops", 12, 8,
            [
                new($"sum by ({by}) (rate(ipfscluster_blocks_added{{{t.Cluster}}}[{Rate}]))", $"blocks added {who}"),
                new($"sum by ({by}) (rate(ipfscluster_blocks_put{{{t.Cluster}}}[{Rate}]))", $"block/put {who}"),
                new($"sum by ({by}) (rate(ipfscluster_blocks_put_errors{{{t.Cluster}}}[{Rate}]))", $"block/put errors {who}"),
            ]),
            new("timeseries", "Free space (ipfs-cluster informer)", "Free space below Datastore.StorageMax as ipfs-cluster's disk informer sees it; 0 or missing means the repo is full.", "bytes", 12, 8,
                [new($"sum by ({by}) (ipfscluster_informer_disk{{{t.Cluster}}})", who)]),
            new("timeseries", "Volume used", "Used share of each data and state volume (kubelet volume stats); the line is monitoring.rules.volumeFullPercent.", "percent", 12, 8,
                [new($"100 * (1 - kubelet_volume_stats_available_bytes{{{t.Volumes}}} / kubelet_volume_stats_capacity_bytes{{{t.Volumes}}})", "{{persistentvolumeclaim}}")],
                spec.Monitoring.Rules.VolumeFullPercent),
            new("timeseries", "Bitswap", "kubo's bitswap wantlist and its engine's pending and active tasks.", "none", 12, 8,
            [
                new($"sum by ({by}) (ipfs_bitswap_wantlist_total{{{t.Kubo}}})", $"wantlist {who}"),
                new($"sum by ({by}) (ipfs_bitswap_pending_tasks{{{t.Kubo}}})", $"pending tasks {who}"),
                new($"sum by ({by}) (ipfs_bitswap_active_tasks{{{t.Kubo}}})", $"active tasks {who}"),
            ]),
            new("timeseries", "Bitswap blocks received", "Blocks kubo receives over bitswap.", "ops", 12, 8,
                [new($"sum by ({by}) (rate(ipfs_bitswap_blocks_received{{{t.Kubo}}}[{Rate}]))", who)]),
            new("timeseries", "Swarm peers", "kubo's connected libp2p peers.", "none", 12, 8,
                [new($"sum by ({by}) (ipfs_p2p_peers_total{{{t.Kubo}}})", who)]),
            new("timeseries", "Swarm peers by transport", "kubo's connected peers by transport, summed over nodes.", "none", 12, 8,
                [new($"sum by (transport) (ipfs_p2p_peers_total{{{t.Kubo}}})", "{{transport}}")]),
            new("timeseries", "CPU per pod", "CPU used per container, and its limit.", "none", 12, 8,
            [
                new($"sum by (pod, container) (rate(container_cpu_usage_seconds_total{{{containers}}}[{Rate}]))", "{{pod}} {{container}}"),
                new($"max by (pod, container) (kube_pod_container_resource_limits{{{containers},resource=\"cpu\"}})", "limit {{pod}} {{container}}"),
            ]),
            new("timeseries", "Memory per pod", "Working-set memory per container, and its limit.", "bytes", 12, 8,
            [
                new($"max by (pod, container) (container_memory_working_set_bytes{{{containers}}})", "{{pod}} {{container}}"),
                new($"max by (pod, container) (kube_pod_container_resource_limits{{{containers},resource=\"memory\"}})", "limit {{pod}} {{container}}"),
            ]),
            new("timeseries", "Container restarts (1h)", "Restarts per container over the last hour.", "none", 24, 6,
                [new($"increase(kube_pod_container_status_restarts_total{{{t.Pods}}}[1h])", "{{pod}} {{container}}")]),
        ];
    }

    private static JsonObject Model(ClusterSpec spec)
    {
        var panels = new JsonArray();
        int x = 0, y = 0, rowHeight = 0, id = 1;
        foreach (var p in Panels(spec))
        {
            if (x + p.Width > 24) { x = 0; y += rowHeight; rowHeight = 0; }
            panels.Add((JsonNode)PanelJson(id++, p, x, y));
            x += p.Width;
            rowHeight = Math.Max(rowHeight, p.Height);
        }

        return new JsonObject
        {
            ["uid"] = Uid(spec),
            ["title"] = $"IPFS cluster {spec.Namespace}/{spec.Name}",
            ["description"] = "kubo and ipfs-cluster (CRDT) peers of one ipfs-infra cluster. Generated by ipfs-infra; edit the code, not this dashboard.",
            ["tags"] = new JsonArray("ipfs", "ipfs-cluster", "kubo"),
            ["editable"] = false,
            ["schemaVersion"] = 39,
            ["version"] = 1,
            ["timezone"] = "browser",
            ["refresh"] = "1m",
            ["time"] = new JsonObject { ["from"] = "now-6h", ["to"] = "now" },
            ["annotations"] = new JsonObject { ["list"] = new JsonArray() },
            ["templating"] = new JsonObject
            {
                ["list"] = new JsonArray(new JsonObject
                {
                    ["name"] = "datasource",
                    ["label"] = "Data source",
                    ["type"] = "datasource",
                    ["query"] = "prometheus",
                    ["current"] = new JsonObject(),
                    ["hide"] = 0,
                    ["refresh"] = 1,
                }),
            },
            ["panels"] = panels,
        };
    }

    private static JsonObject DataSource() => new() { ["type"] = "prometheus", ["uid"] = "${datasource}" };

    private static JsonObject PanelJson(int id, Panel p, int x, int y)
    {
        var targets = new JsonArray();
        for (var i = 0; i < p.Targets.Count; i++)
        {
            targets.Add((JsonNode)new JsonObject
            {
                ["refId"] = ((char)('A' + i)).ToString(),
                ["datasource"] = DataSource(),
                ["expr"] = p.Targets[i].Expr,
                ["legendFormat"] = p.Targets[i].Legend,
                ["range"] = true,
            });
        }
        var defaults = new JsonObject { ["unit"] = p.Unit };
        if (p.Threshold is { } threshold)
        {
            defaults["thresholds"] = new JsonObject
            {
                ["mode"] = "absolute",
                ["steps"] = new JsonArray(
                    new JsonObject { ["color"] = "green", ["value"] = null },
                    new JsonObject { ["color"] = "red", ["value"] = threshold }),
            };
            defaults["custom"] = new JsonObject { ["thresholdsStyle"] = new JsonObject { ["mode"] = "line" } };
        }
        var panel = new JsonObject
        {
            ["id"] = id,
            ["type"] = p.Type,
            ["title"] = p.Title,
            ["description"] = p.Description,
            ["datasource"] = DataSource(),
            ["gridPos"] = new JsonObject { ["h"] = p.Height, ["w"] = p.Width, ["x"] = x, ["y"] = y },
            ["fieldConfig"] = new JsonObject { ["defaults"] = defaults, ["overrides"] = new JsonArray() },
            ["targets"] = targets,
        };
        if (p.Type == "stat")
            panel["options"] = new JsonObject { ["reduceOptions"] = new JsonObject { ["calcs"] = new JsonArray("lastNotNull"), ["fields"] = "", ["values"] = false } };
        return panel;
    }
}
