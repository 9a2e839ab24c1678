namespace Ipfs.Manifests.Spec;

/// <summary>Scraping, alert rules and dashboard.</summary>
/// <param name="Enabled">Whether any monitoring object is built.</param>
/// <param name="Namespace">Namespace Prometheus runs in (metrics ports admit only its pods matching <see cref="PrometheusPodSelector"/>).</param>
/// <remarks>
/// The init-only properties default to the prod profile's values (a test keeps them equal), so a
/// consumer who writes <c>new MonitoringSpec(true, "monitoring")</c> gets the production setup.
/// </remarks>
public sealed record MonitoringSpec(bool Enabled, string Namespace)
{
    /// <summary>How Prometheus finds the metrics endpoints.</summary>
    public ScrapeMode Scrape { get; init; } = ScrapeMode.PodMonitor;

    /// <summary>Scrape interval of the PodMonitors/ServiceMonitors (a Prometheus duration).</summary>
    public string ScrapeInterval { get; init; } = "30s";

    /// <summary>
    /// Labels of the Prometheus pods in <see cref="Namespace"/>: only they reach the metrics ports.
    /// The default is the label prometheus-operator puts on every Prometheus pod it runs.
    /// </summary>
    public IReadOnlyDictionary<string, string> PrometheusPodSelector { get; init; } =
        new SortedDictionary<string, string>(StringComparer.Ordinal) { ["app.kubernetes.io/name"] = "prometheus" };

    /// <summary>Labels the Prometheus selects PodMonitors, ServiceMonitors and PrometheusRules by.</summary>
    public IReadOnlyDictionary<string, string> PrometheusLabels { get; init; } =
        new SortedDictionary<string, string>(StringComparer.Ordinal) { ["release"] = "kube-prometheus-stack" };

    /// <summary>The PrometheusRule and its thresholds.</summary>
    public AlertRulesSpec Rules { get; init; } = new();

    /// <summary>The Grafana dashboard ConfigMap.</summary>
    public DashboardSpec Dashboard { get; init; } = new();

    /// <summary>Value equality, labels included (records compare dictionaries by reference).</summary>
    public bool Equals(MonitoringSpec? other) =>
        other is not null && Enabled == other.Enabled && Namespace == other.Namespace && Scrape == other.Scrape
        && ScrapeInterval == other.ScrapeInterval && LabelSets.Equal(PrometheusPodSelector, other.PrometheusPodSelector)
        && LabelSets.Equal(PrometheusLabels, other.PrometheusLabels)
        && Rules == other.Rules && Dashboard == other.Dashboard;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Enabled, Namespace, Scrape, ScrapeInterval, LabelSets.Hash(PrometheusPodSelector), LabelSets.Hash(PrometheusLabels), Rules, Dashboard);
}

/// <summary>Value equality of label maps.</summary>
internal static class LabelSets
{
    public static bool Equal(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public static int Hash(IReadOnlyDictionary<string, string> labels) =>
        labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value));
}

/// <summary>How Prometheus finds the kubo and ipfs-cluster metrics endpoints.</summary>
public enum ScrapeMode
{
    /// <summary>Two PodMonitors (monitoring.coreos.com/v1) on the pods' named ports.</summary>
    PodMonitor,

    /// <summary>Two headless metrics Services and a ServiceMonitor for each.</summary>
    ServiceMonitor,

    /// <summary>
    /// Two headless metrics Services annotated <c>prometheus.io/scrape</c>, <c>/port</c> and <c>/path</c>,
    /// for a Prometheus without the operator's CRDs (the usual <c>kubernetes-service-endpoints</c> job).
    /// Services, not pods: one pod serves two endpoints and the pod annotations name only one port.
    /// </summary>
    Annotations,
}

/// <summary>The alert rules and their thresholds.</summary>
public sealed record AlertRulesSpec
{
    /// <summary>Whether the PrometheusRule is built.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How long a metrics endpoint must fail before a peer counts as down (Prometheus duration).</summary>
    public string PeerDownFor { get; init; } = "5m";

    /// <summary>Pins in pin_error per peer above which, for 15 minutes, an alert fires.</summary>
    public int PinErrorThreshold { get; init; }

    /// <summary>Window over which a growing, non-empty pin queue alerts (Prometheus duration).</summary>
    public string QueueGrowthWindow { get; init; } = "30m";

    /// <summary>Failed pin requests per peer within 15 minutes above which an alert fires.</summary>
    public int PinAddErrorThreshold { get; init; } = 10;

    /// <summary>Used percentage of a kubo data or cluster state volume above which an alert fires.</summary>
    public int VolumeFullPercent { get; init; } = 85;

    /// <summary>Working-set memory as a percentage of the container's limit above which an alert fires.</summary>
    public int MemoryPercent { get; init; } = 90;

    /// <summary>Container restarts within one hour at which an alert fires.</summary>
    public int RestartThreshold { get; init; } = 3;

    /// <summary>Pins a peer may lag behind the pinset the cluster had one listing window earlier.</summary>
    public int PinsetDivergenceThreshold { get; init; } = 100;

    /// <summary>How long a peer must lag by more than the threshold (Prometheus duration).</summary>
    public string PinsetDivergenceWindow { get; init; } = "30m";

    /// <summary>How long the pins held on kubo must fall short of replication.min times the pinset before an alert fires (Prometheus duration).</summary>
    public string UnderReplicatedFor { get; init; } = "1h";
}

/// <summary>The Grafana dashboard, as a ConfigMap in the monitoring namespace that the Grafana sidecar picks up.</summary>
public sealed record DashboardSpec
{
    /// <summary>Whether the dashboard ConfigMap is built.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Labels the Grafana sidecar selects dashboards by.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } =
        new SortedDictionary<string, string>(StringComparer.Ordinal) { ["grafana_dashboard"] = "1" };

    /// <summary>Grafana folder the sidecar files the dashboard under.</summary>
    public string Folder { get; init; } = "IPFS";

    /// <summary>Annotation key the sidecar reads the folder from (its <c>folderAnnotation</c>).</summary>
    public string FolderAnnotation { get; init; } = "grafana_folder";

    /// <summary>Value equality, labels included.</summary>
    public bool Equals(DashboardSpec? other) =>
        other is not null && Enabled == other.Enabled && LabelSets.Equal(Labels, other.Labels)
        && Folder == other.Folder && FolderAnnotation == other.FolderAnnotation;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Enabled, LabelSets.Hash(Labels), Folder, FolderAnnotation);
}
