using Pulumi;

namespace Ipfs.Components;

/// <summary>Scraping, alert rules and the Grafana dashboard.</summary>
public sealed class MonitoringArgs : ResourceArgs
{
    /// <summary>Scraping, alert rules and the dashboard. Default: false (dev), true (prod).</summary>
    [Input("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>Namespace of Prometheus; the only place the metrics ports are reachable from. Allowed: DNS-1123 label, at most 63 characters. Default: monitoring (both profiles).</summary>
    [Input("namespace")]
    public string? Namespace { get; set; }

    /// <summary>How Prometheus finds kubo (5001 /debug/metrics/prometheus) and ipfs-cluster (8888 /metrics): PodMonitors, ServiceMonitors over headless metrics Services, or prometheus.io annotations on those Services (no operator CRDs needed). Allowed: one of podMonitor, serviceMonitor, annotations. Default: podMonitor (both profiles).</summary>
    [Input("scrape")]
    public string? Scrape { get; set; }

    /// <summary>Scrape interval of the PodMonitors/ServiceMonitors (at most 5m, Prometheus' staleness limit). Allowed: Prometheus duration 1s..5m. Default: 30s (both profiles).</summary>
    [Input("scrapeInterval")]
    public string? ScrapeInterval { get; set; }

    /// <summary>Labels the Prometheus selects PodMonitors, ServiceMonitors and PrometheusRules by (its podMonitorSelector, serviceMonitorSelector, ruleSelector). Allowed: map of Kubernetes labels (key: value). Default: {release: kube-prometheus-stack} (both profiles).</summary>
    [Input("prometheusLabels")]
    public Dictionary<string, string>? PrometheusLabels { get; set; }

    /// <summary>Alert rules.</summary>
    [Input("rules")]
    public AlertRulesArgs? Rules { get; set; }

    /// <summary>Grafana dashboard.</summary>
    [Input("dashboard")]
    public DashboardArgs? Dashboard { get; set; }
}

/// <summary>Alert rule thresholds (a PrometheusRule).</summary>
public sealed class AlertRulesArgs : ResourceArgs
{
    /// <summary>Build the PrometheusRule with the alerts (needs the operator's CRDs, whatever the scrape mode). Default: true (both profiles).</summary>
    [Input("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>How long a kubo or ipfs-cluster metrics endpoint must fail before its peer counts as down. Allowed: Prometheus duration 1m..1d. Default: 5m (both profiles).</summary>
    [Input("peerDownFor")]
    public string? PeerDownFor { get; set; }

    /// <summary>Pins in pin_error on one peer above which (for 15m) an alert fires. Allowed: integer 0..1000000. Default: 0 (both profiles).</summary>
    [Input("pinErrorThreshold")]
    public int? PinErrorThreshold { get; set; }

    /// <summary>A peer's pin queue that is non-empty and grew over this window, for this long, alerts. Allowed: Prometheus duration 5m..1d. Default: 30m (both profiles).</summary>
    [Input("queueGrowthWindow")]
    public string? QueueGrowthWindow { get; set; }

    /// <summary>Failed pin requests on one peer within 15m above which an alert fires. Allowed: integer 0..1000000. Default: 10 (both profiles).</summary>
    [Input("pinAddErrorThreshold")]
    public int? PinAddErrorThreshold { get; set; }

    /// <summary>Used percentage of a data or state volume (kubelet volume stats) above which an alert fires. Allowed: integer 50..99. Default: 85 (both profiles).</summary>
    [Input("volumeFullPercent")]
    public int? VolumeFullPercent { get; set; }

    /// <summary>Container working-set memory, as a percentage of its limit, above which (for 15m) an alert fires. Allowed: integer 50..100. Default: 90 (both profiles).</summary>
    [Input("memoryPercent")]
    public int? MemoryPercent { get; set; }

    /// <summary>Container restarts within 1h at which an alert fires. Allowed: integer 1..1000. Default: 3 (both profiles).</summary>
    [Input("restartThreshold")]
    public int? RestartThreshold { get; set; }

    /// <summary>Largest tolerated difference of the pin count between peers; keep it at least cluster.crdtBatchSize (peers lag by up to a batch). Allowed: integer 0..1000000. Default: 10 (dev), 100 (prod).</summary>
    [Input("pinsetDivergenceThreshold")]
    public int? PinsetDivergenceThreshold { get; set; }

    /// <summary>How long the pin counts must differ by more than the threshold before an alert fires. Allowed: Prometheus duration 5m..1d. Default: 30m (both profiles).</summary>
    [Input("pinsetDivergenceWindow")]
    public string? PinsetDivergenceWindow { get; set; }
}

/// <summary>The Grafana dashboard ConfigMap.</summary>
public sealed class DashboardArgs : ResourceArgs
{
    /// <summary>Build the Grafana dashboard ConfigMap in monitoring.namespace (picked up by the Grafana sidecar). Default: true (both profiles).</summary>
    [Input("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>Labels the Grafana sidecar selects dashboards by (its label/labelValue). Allowed: map of Kubernetes labels (key: value). Default: {grafana_dashboard: 1} (both profiles).</summary>
    [Input("labels")]
    public Dictionary<string, string>? Labels { get; set; }

    /// <summary>Grafana folder of the dashboard. Default: IPFS (both profiles).</summary>
    [Input("folder")]
    public string? Folder { get; set; }

    /// <summary>Annotation key the sidecar reads the folder from (its folderAnnotation). Allowed: annotation key (qualified name). Default: grafana_folder (both profiles).</summary>
    [Input("folderAnnotation")]
    public string? FolderAnnotation { get; set; }
}
