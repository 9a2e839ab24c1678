using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Builders.Monitoring;

/// <summary>Names of the monitoring objects, in one place.</summary>
public static class MonitoringNames
{
    /// <summary>PodMonitor/ServiceMonitor of kubo.</summary>
    public static string KuboMonitor(ClusterSpec spec) => $"{spec.Name}-kubo";

    /// <summary>PodMonitor/ServiceMonitor of ipfs-cluster.</summary>
    public static string ClusterMonitor(ClusterSpec spec) => $"{spec.Name}-cluster";

    /// <summary>Headless Service of kubo's metrics port (serviceMonitor and annotations modes).</summary>
    public static string KuboMetricsService(ClusterSpec spec) => $"{spec.Name}-kubo-metrics";

    /// <summary>Headless Service of ipfs-cluster's metrics port (serviceMonitor and annotations modes).</summary>
    public static string ClusterMetricsService(ClusterSpec spec) => $"{spec.Name}-cluster-metrics";

    /// <summary>The PrometheusRule.</summary>
    public static string Rules(ClusterSpec spec) => $"{spec.Name}-alerts";

    /// <summary>The dashboard ConfigMap; it may live in a shared namespace, so it carries the cluster's namespace too.</summary>
    public static string Dashboard(ClusterSpec spec) => $"{spec.Namespace}-{spec.Name}-dashboard";

    /// <summary>Namespace of the dashboard ConfigMap: Prometheus' (and, in the usual stacks, Grafana's).</summary>
    public static string DashboardNamespace(ClusterSpec spec) => spec.Monitoring.Namespace;
}

/// <summary>
/// PromQL label matchers (without braces) that select this cluster's series. Which target labels
/// a scraped series carries depends on how it was scraped: the operator sets <c>job</c> to
/// "namespace/PodMonitor" for PodMonitors and adds <c>service</c> for ServiceMonitors, and the
/// usual <c>kubernetes-service-endpoints</c> job of annotation-based setups adds <c>service</c>
/// (but no <c>pod</c>).
/// </summary>
/// <param name="Kubo">Matchers of the kubo targets' series.</param>
/// <param name="Cluster">Matchers of the ipfs-cluster targets' series.</param>
/// <param name="Pods">Matchers of kube-state-metrics and cAdvisor series of the node-set pods.</param>
/// <param name="Volumes">Matchers of kubelet volume stats of the node set's claims.</param>
/// <param name="StatefulSet">Matchers of kube-state-metrics StatefulSet series.</param>
/// <param name="TargetLabel">The label naming a scraped target: <c>pod</c>, or <c>instance</c> where no pod label exists.</param>
public sealed record MetricTargets(string Kubo, string Cluster, string Pods, string Volumes, string StatefulSet, string TargetLabel)
{
    /// <summary>The matchers for <paramref name="spec"/>'s scrape mode.</summary>
    public static MetricTargets For(ClusterSpec spec)
    {
        var ns = spec.Namespace;
        var sts = spec.Names.StatefulSet;
        var (kubo, cluster, targetLabel) = spec.Monitoring.Scrape switch
        {
            ScrapeMode.PodMonitor => ($"job=\"{ns}/{MonitoringNames.KuboMonitor(spec)}\"", $"job=\"{ns}/{MonitoringNames.ClusterMonitor(spec)}\"", "pod"),
            ScrapeMode.ServiceMonitor => ($"service=\"{MonitoringNames.KuboMetricsService(spec)}\"", $"service=\"{MonitoringNames.ClusterMetricsService(spec)}\"", "pod"),
            _ => ($"service=\"{MonitoringNames.KuboMetricsService(spec)}\"", $"service=\"{MonitoringNames.ClusterMetricsService(spec)}\"", "instance"),
        };
        return new MetricTargets(
            $"namespace=\"{ns}\",{kubo}",
            $"namespace=\"{ns}\",{cluster}",
            $"namespace=\"{ns}\",pod=~\"{sts}-[0-9]+\"",
            // Claims of StatefulSet pods are <template>-<statefulset>-<ordinal>, whatever the templates are called.
            $"namespace=\"{ns}\",persistentvolumeclaim=~\".+-{sts}-[0-9]+\"",
            $"namespace=\"{ns}\",statefulset=\"{sts}\"",
            targetLabel);
    }
}
