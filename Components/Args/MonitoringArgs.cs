using Pulumi;

namespace Ipfs.Components;

/// <summary>Scraping, alert rules and the Grafana dashboard.</summary>
public sealed class MonitoringArgs : ResourceArgs
{
    /// <summary>Scraping, alert rules and the dashboard.</summary>
    [Input("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>Namespace of Prometheus; the only place the metrics ports are reachable from.</summary>
    [Input("namespace")]
    public string? Namespace { get; set; }

    /// <summary>How Prometheus finds kubo (5001 /debug/metrics/prometheus) and ipfs-cluster (8888 /metrics): PodMonitors, ServiceMonitors over headless metrics Services, or prometheus.io annotations on those Services (no operator CRDs needed).</summary>
    [Input("scrape")]
    public string? Scrape { get; set; }

    /// <summary>Scrape interval of the PodMonitors/ServiceMonitors (at most 5m, Prometheus' staleness limit).</summary>
    [Input("scrapeInterval")]
    public string? ScrapeInterval { get; set; }

    /// <summary>Labels of the Prometheus pods in monitoring.namespace; only they reach the metrics ports (kubo 5001, which also serves kubo's RPC, and cluster 8888).</summary>
    [Input("prometheusPodSelector")]
    public Dictionary<string, string>? PrometheusPodSelector { get; set; }

    /// <summary>Labels the Prometheus selects PodMonitors, ServiceMonitors and PrometheusRules by (its podMonitorSelector, serviceMonitorSelector, ruleSelector).</summary>
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
    /// <summary>Build the PrometheusRule with the alerts (needs the operator's CRDs, whatever the scrape mode).</summary>
    [Input("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>How long a kubo or ipfs-cluster metrics endpoint must fail before its peer counts as down.</summary>
    [Input("peerDownFor")]
    public string? PeerDownFor { get; set; }

    /// <summary>Pins in pin_error on one peer above which (for 15m) an alert fires.</summary>
    [Input("pinErrorThreshold")]
    public int? PinErrorThreshold { get; set; }

    /// <summary>A peer's pin queue that is non-empty and grew over this window, for this long, alerts.</summary>
    [Input("queueGrowthWindow")]
    public string? QueueGrowthWindow { get; set; }

    /// <summary>Failed pin requests on one peer within 15m above which an alert fires.</summary>
    [Input("pinAddErrorThreshold")]
    public int? PinAddErrorThreshold { get; set; }

    /// <summary>Used percentage of a data or state volume (kubelet volume stats) above which an alert fires.</summary>
    [Input("volumeFullPercent")]
    public int? VolumeFullPercent { get; set; }

    /// <summary>Container working-set memory, as a percentage of its limit, above which (for 15m) an alert fires.</summary>
    [Input("memoryPercent")]
    public int? MemoryPercent { get; set; }

    /// <summary>Container restarts within 1h at which an alert fires.</summary>
    [Input("restartThreshold")]
    public int? RestartThreshold { get; set; }

    /// <summary>Largest tolerated difference of the pin count between peers; keep it at least cluster.crdtBatchSize (peers lag by up to a batch).</summary>
    [Input("pinsetDivergenceThreshold")]
    public int? PinsetDivergenceThreshold { get; set; }

    /// <summary>How long the pin counts must differ by more than the threshold before an alert fires.</summary>
    [Input("pinsetDivergenceWindow")]
    public string? PinsetDivergenceWindow { get; set; }

    /// <summary>How long the pins held on the peers' kubo nodes must fall short of replication.min times the pinset before an alert fires.</summary>
    [Input("underReplicatedFor")]
    public string? UnderReplicatedFor { get; set; }
}

/// <summary>The Grafana dashboard ConfigMap.</summary>
public sealed class DashboardArgs : ResourceArgs
{
    /// <summary>Build the Grafana dashboard ConfigMap in monitoring.namespace (picked up by the Grafana sidecar).</summary>
    [Input("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>Labels the Grafana sidecar selects dashboards by (its label/labelValue).</summary>
    [Input("labels")]
    public Dictionary<string, string>? Labels { get; set; }

    /// <summary>Grafana folder of the dashboard.</summary>
    [Input("folder")]
    public string? Folder { get; set; }

    /// <summary>Annotation key the sidecar reads the folder from (its folderAnnotation).</summary>
    [Input("folderAnnotation")]
    public string? FolderAnnotation { get; set; }
}
