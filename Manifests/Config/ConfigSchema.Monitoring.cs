using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ipfs.Manifests.Config;

public static partial class ConfigSchema
{
    private static IEnumerable<ConfigField> MonitoringFields() =>
    [
        F("monitoring.enabled", FieldType.Bool, "Scraping, alert rules and the dashboard.", false, true),
        Same("monitoring.namespace", FieldType.DnsLabel(63), "Namespace of Prometheus; the metrics ports admit only its pods matching monitoring.prometheusPodSelector.", "monitoring"),
        Same("monitoring.scrape", FieldType.OneOf("podMonitor", "serviceMonitor", "annotations"),
            "How Prometheus finds kubo (5001 /debug/metrics/prometheus) and ipfs-cluster (8888 /metrics): PodMonitors, ServiceMonitors over headless metrics Services, or prometheus.io annotations on those Services (no operator CRDs needed).", "podMonitor"),
        Same("monitoring.scrapeInterval", PrometheusDurationType.Between(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
            "Scrape interval of the PodMonitors/ServiceMonitors (at most 5m, Prometheus' staleness limit).", "30s"),
        Same("monitoring.prometheusPodSelector", FieldType.LabelMap,
            "Labels of the Prometheus pods in monitoring.namespace; only they reach the metrics ports (kubo 5001, which also serves kubo's RPC, and cluster 8888). The default matches the Prometheus pods prometheus-operator runs (kube-prometheus-stack).",
            Map(("app.kubernetes.io/name", "prometheus"))),
        Same("monitoring.prometheusLabels", FieldType.LabelMap,
            "Labels the Prometheus selects PodMonitors, ServiceMonitors and PrometheusRules by (its podMonitorSelector, serviceMonitorSelector, ruleSelector).", Map(("release", "kube-prometheus-stack"))),

        Same("monitoring.rules.enabled", FieldType.Bool, "Build the PrometheusRule with the alerts (needs the operator's CRDs, whatever the scrape mode).", true),
        Same("monitoring.rules.peerDownFor", PrometheusDurationType.Between(TimeSpan.FromMinutes(1), TimeSpan.FromDays(1)),
            "How long a kubo or ipfs-cluster metrics endpoint must fail before its peer counts as down.", "5m"),
        Same("monitoring.rules.pinErrorThreshold", FieldType.Int(0, 1_000_000), "Pins in pin_error on one peer above which (for 15m) an alert fires.", 0),
        Same("monitoring.rules.queueGrowthWindow", PrometheusDurationType.Between(TimeSpan.FromMinutes(5), TimeSpan.FromDays(1)),
            "A peer's pin queue that is non-empty and grew over this window, for this long, alerts.", "30m"),
        Same("monitoring.rules.pinAddErrorThreshold", FieldType.Int(0, 1_000_000), "Failed pin requests on one peer within 15m above which an alert fires.", 10),
        Same("monitoring.rules.volumeFullPercent", FieldType.Int(50, 99), "Used percentage of a data or state volume (kubelet volume stats) above which an alert fires.", 85),
        Same("monitoring.rules.memoryPercent", FieldType.Int(50, 100), "Container working-set memory, as a percentage of its limit, above which (for 15m) an alert fires.", 90),
        Same("monitoring.rules.restartThreshold", FieldType.Int(1, 1000), "Container restarts within 1h at which an alert fires.", 3),
        F("monitoring.rules.pinsetDivergenceThreshold", FieldType.Int(0, 1_000_000),
            "Pins a peer's last full pinset listing may lag behind what the leading peer listed one window (10m) earlier; keep it at least cluster.crdtBatchSize.", 10, 100),
        Same("monitoring.rules.pinsetDivergenceWindow", PrometheusDurationType.Between(TimeSpan.FromMinutes(5), TimeSpan.FromDays(1)),
            "How long a peer must lag by more than the threshold before an alert fires (at least 15m: a restarted peer lists its pinset at its first state sync).", "30m"),
        Same("monitoring.rules.underReplicatedFor", PrometheusDurationType.Between(TimeSpan.FromMinutes(5), TimeSpan.FromDays(1)),
            "How long the pins held on the peers' kubo nodes must fall short of replication.min times the pinset before an alert fires.", "1h"),

        Same("monitoring.dashboard.enabled", FieldType.Bool, "Build the Grafana dashboard ConfigMap in monitoring.namespace (picked up by the Grafana sidecar).", true),
        Same("monitoring.dashboard.labels", FieldType.LabelMap, "Labels the Grafana sidecar selects dashboards by (its label/labelValue).", Map(("grafana_dashboard", "1"))),
        Same("monitoring.dashboard.folder", FieldType.Text, "Grafana folder of the dashboard.", "IPFS"),
        Same("monitoring.dashboard.folderAnnotation", FieldType.Matching("annotation key (qualified name)", "must be an annotation key such as grafana_folder", Naming.KubernetesNames.IsQualifiedName), "Annotation key the sidecar reads the folder from (its folderAnnotation).", "grafana_folder"),
    ];

    private static JsonObject Map(params (string Key, string Value)[] entries)
    {
        var map = new JsonObject();
        foreach (var (key, value) in entries) map[key] = value;
        return map;
    }

    /// <summary>A Prometheus duration (e.g. 30s, 5m, 1h30m) within bounds.</summary>
    internal sealed class PrometheusDurationType : FieldType
    {
        private readonly TimeSpan _min;
        private readonly TimeSpan _max;

        private PrometheusDurationType(TimeSpan min, TimeSpan max) => (_min, _max) = (min, max);

        public static PrometheusDurationType Between(TimeSpan min, TimeSpan max) => new(min, max);

        public override string Describe() => $"Prometheus duration {Format(_min)}..{Format(_max)}";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            var text = ScalarText(node);
            value = text;
            error = $"must be a Prometheus duration such as 30s, 5m or 1h30m, from {Format(_min)} to {Format(_max)}";
            return text is not null && PrometheusDuration.TryParse(text, out var span) && span >= _min && span <= _max;
        }

        private static string Format(TimeSpan span) =>
            span.TotalDays >= 1 && span.TotalDays % 1 == 0 ? $"{span.TotalDays.ToString(CultureInfo.InvariantCulture)}d"
            : span.TotalMinutes >= 1 && span.TotalMinutes % 1 == 0 ? $"{span.TotalMinutes.ToString(CultureInfo.InvariantCulture)}m"
            : $"{span.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";
    }
}

/// <summary>Prometheus' duration syntax: units y, w, d, h, m, s, ms, largest first, each at most once.</summary>
public static partial class PrometheusDuration
{
    /// <summary>Parses <paramref name="text"/>; false when it is not a positive Prometheus duration.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var match = Pattern().Match(text);
        if (!match.Success || text.Length == 0) return false;
        double Part(string group) => match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var ms = Part("ms") + 1000 * (Part("s") + 60 * (Part("m") + 60 * (Part("h") + 24 * (Part("d") + 7 * Part("w") + 365 * Part("y")))));
        if (ms <= 0 || ms > TimeSpan.MaxValue.TotalMilliseconds) return false;
        value = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    /// <summary>Parses <paramref name="text"/> or throws <see cref="FormatException"/>.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a Prometheus duration.");

    [GeneratedRegex("^((?<y>[0-9]+)y)?((?<w>[0-9]+)w)?((?<d>[0-9]+)d)?((?<h>[0-9]+)h)?((?<m>[0-9]+)m)?((?<s>[0-9]+)s)?((?<ms>[0-9]+)ms)?$")]
    private static partial Regex Pattern();
}
