using System.Globalization;
using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Config;

internal static partial class SpecSections
{
    /// <summary>The monitoring.* keys as a <see cref="MonitoringSpec"/>.</summary>
    public static MonitoringSpec Monitoring(Func<string, object?> value) =>
        new((bool)value("monitoring.enabled")!, (string)value("monitoring.namespace")!)
        {
            Scrape = (string)value("monitoring.scrape")! switch
            {
                "serviceMonitor" => ScrapeMode.ServiceMonitor,
                "annotations" => ScrapeMode.Annotations,
                _ => ScrapeMode.PodMonitor,
            },
            ScrapeInterval = (string)value("monitoring.scrapeInterval")!,
            PrometheusPodSelector = (IReadOnlyDictionary<string, string>)value("monitoring.prometheusPodSelector")!,
            PrometheusLabels = (IReadOnlyDictionary<string, string>)value("monitoring.prometheusLabels")!,
            Rules = new AlertRulesSpec
            {
                Enabled = (bool)value("monitoring.rules.enabled")!,
                PeerDownFor = (string)value("monitoring.rules.peerDownFor")!,
                PinErrorThreshold = (int)value("monitoring.rules.pinErrorThreshold")!,
                QueueGrowthWindow = (string)value("monitoring.rules.queueGrowthWindow")!,
                PinAddErrorThreshold = (int)value("monitoring.rules.pinAddErrorThreshold")!,
                VolumeFullPercent = (int)value("monitoring.rules.volumeFullPercent")!,
                MemoryPercent = (int)value("monitoring.rules.memoryPercent")!,
                RestartThreshold = (int)value("monitoring.rules.restartThreshold")!,
                PinsetDivergenceThreshold = (int)value("monitoring.rules.pinsetDivergenceThreshold")!,
                PinsetDivergenceWindow = (string)value("monitoring.rules.pinsetDivergenceWindow")!,
                UnderReplicatedFor = (string)value("monitoring.rules.underReplicatedFor")!,
            },
            Dashboard = new DashboardSpec
            {
                Enabled = (bool)value("monitoring.dashboard.enabled")!,
                Labels = (IReadOnlyDictionary<string, string>)value("monitoring.dashboard.labels")!,
                Folder = (string)value("monitoring.dashboard.folder")!,
                FolderAnnotation = (string)value("monitoring.dashboard.folderAnnotation")!,
            },
        };

    /// <summary>
    /// Cross-key rules of the monitoring.* keys, and the syntax of values a consumer may have set in
    /// code: labels the Prometheus and the Grafana sidecar select by, durations used in PromQL.
    /// </summary>
    public static void ValidateMonitoring(ClusterSpec spec, Action<string, object, string> problem)
    {
        var m = spec.Monitoring;
        CheckLabels("monitoring.prometheusLabels", m.PrometheusLabels, problem);
        CheckLabels("monitoring.prometheusPodSelector", m.PrometheusPodSelector, problem, selectsOtherPods: true);
        CheckLabels("monitoring.dashboard.labels", m.Dashboard.Labels, problem);
        if (Naming.KubernetesNames.LabelKeyProblem(m.Dashboard.FolderAnnotation) is { } folderKey)
            problem("monitoring.dashboard.folderAnnotation", m.Dashboard.FolderAnnotation, $"must be an annotation key: {folderKey}");

        var durations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["monitoring.scrapeInterval"] = m.ScrapeInterval,
            ["monitoring.rules.peerDownFor"] = m.Rules.PeerDownFor,
            ["monitoring.rules.queueGrowthWindow"] = m.Rules.QueueGrowthWindow,
            ["monitoring.rules.pinsetDivergenceWindow"] = m.Rules.PinsetDivergenceWindow,
            ["monitoring.rules.underReplicatedFor"] = m.Rules.UnderReplicatedFor,
        };
        var parsed = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (path, text) in durations)
        {
            if (PrometheusDuration.TryParse(text, out var span)) parsed[path] = span;
            else problem(path, text, "must be a Prometheus duration such as 30s, 5m or 1h30m");
        }

        if (!m.Enabled) return;
        if (m.PrometheusPodSelector.Count == 0)
            problem("monitoring.prometheusPodSelector", "{}",
                "must hold at least one label while monitoring.enabled is true: an empty selector would open kubo's RPC port (5001, which serves the metrics) to every pod of monitoring.namespace");
        if (m.Dashboard.Enabled && m.Dashboard.Labels.Count == 0)
            problem("monitoring.dashboard.labels", "{}", "must hold at least one label while monitoring.dashboard.enabled is true: the Grafana sidecar finds dashboards only by label");
        if (m.Rules.Enabled && parsed.TryGetValue("monitoring.scrapeInterval", out var interval)
            && parsed.TryGetValue("monitoring.rules.queueGrowthWindow", out var window) && window < 2 * interval)
            problem("monitoring.rules.queueGrowthWindow", m.Rules.QueueGrowthWindow,
                $"must be at least twice monitoring.scrapeInterval ({m.ScrapeInterval}): a shorter window holds fewer than two samples and the alert could never fire");
        var divergenceFloor = Builders.NodeSet.ClusterTimings.FullListingWindow + Builders.NodeSet.ClusterTimings.StateSyncInterval;
        if (m.Rules.Enabled && parsed.TryGetValue("monitoring.rules.pinsetDivergenceWindow", out var divergence) && divergence < divergenceFloor)
            problem("monitoring.rules.pinsetDivergenceWindow", m.Rules.PinsetDivergenceWindow,
                $"must be at least {(int)divergenceFloor.TotalMinutes}m: a restarted peer shows its whole pinset only after its first state sync ({Builders.NodeSet.ClusterTimings.StateSyncIntervalText}), and the alert compares over {(int)Builders.NodeSet.ClusterTimings.FullListingWindow.TotalMinutes}m windows");
    }

    /// <summary>
    /// Label syntax; labels ipfs-infra puts on objects must also stay clear of its own app.kubernetes.io/
    /// keys, while a selector of other pods (<paramref name="selectsOtherPods"/>) may use them.
    /// </summary>
    private static void CheckLabels(string path, IReadOnlyDictionary<string, string> labels, Action<string, object, string> problem, bool selectsOtherPods = false)
    {
        var shown = "{" + string.Join(", ", labels.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}: {kv.Value}"))) + "}";
        foreach (var (key, value) in labels)
        {
            if ((Naming.KubernetesNames.LabelKeyProblem(key) ?? Naming.KubernetesNames.LabelValueProblem(key, value)) is { } syntax)
                problem(path, shown, $"must hold Kubernetes labels: {syntax}");
            else if (!selectsOtherPods && key.StartsWith("app.kubernetes.io/", StringComparison.Ordinal))
                problem(path, shown, $"must not set '{key}': the app.kubernetes.io/ labels are ipfs-infra's own (they select the pods)");
        }
    }
}
