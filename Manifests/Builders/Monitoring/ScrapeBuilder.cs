using System.Globalization;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Crds.Monitoring;
using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;

namespace Ipfs.Manifests.Builders.Monitoring;

/// <summary>
/// How Prometheus finds kubo's and ipfs-cluster's metrics: PodMonitors on the pods' named ports,
/// ServiceMonitors over headless metrics Services, or those Services annotated with
/// <c>prometheus.io/*</c> for a Prometheus without the operator.
/// </summary>
public static class ScrapeBuilder
{
    /// <summary>kubo's container port serving /debug/metrics/prometheus (the RPC API port).</summary>
    public const string KuboPortName = "api";

    /// <summary>ipfs-cluster's container port serving /metrics (with CLUSTER_METRICS_ENABLESTATS).</summary>
    public const string ClusterPortName = "metrics";

    /// <summary>kubo's metrics path.</summary>
    public const string KuboMetricsPath = "/debug/metrics/prometheus";

    /// <summary>ipfs-cluster's metrics path.</summary>
    public const string ClusterMetricsPath = "/metrics";

    /// <summary>Name of the metrics Services' port.</summary>
    public const string ServicePortName = "metrics";

    /// <summary>The scrape objects of the spec's scrape mode, in apply order.</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Build(ClusterSpec spec) => spec.Monitoring.Scrape switch
    {
        ScrapeMode.PodMonitor =>
        [
            PodMonitor(spec, MonitoringNames.KuboMonitor(spec), KuboPortName, KuboMetricsPath),
            PodMonitor(spec, MonitoringNames.ClusterMonitor(spec), ClusterPortName, ClusterMetricsPath),
        ],
        ScrapeMode.ServiceMonitor =>
        [
            KuboService(spec, annotate: false),
            ClusterService(spec, annotate: false),
            ServiceMonitor(spec, MonitoringNames.KuboMonitor(spec), KuboServiceComponent, KuboMetricsPath),
            ServiceMonitor(spec, MonitoringNames.ClusterMonitor(spec), ClusterServiceComponent, ClusterMetricsPath),
        ],
        _ => [KuboService(spec, annotate: true), ClusterService(spec, annotate: true)],
    };

    private const string KuboServiceComponent = "kubo-metrics";
    private const string ClusterServiceComponent = "cluster-metrics";

    /// <summary>Metadata of an object the Prometheus must select: the project's labels plus monitoring.prometheusLabels.</summary>
    public static V1ObjectMeta SelectedByPrometheus(ClusterSpec spec, string name)
    {
        var meta = ObjectMeta.For(spec, name, "monitoring");
        foreach (var (key, value) in spec.Monitoring.PrometheusLabels) meta.Labels[key] = value;
        return meta;
    }

    private static PodMonitor PodMonitor(ClusterSpec spec, string name, string port, string path) => new()
    {
        Metadata = SelectedByPrometheus(spec, name),
        Spec = new PodMonitorSpec
        {
            Selector = new V1LabelSelector { MatchLabels = ObjectMeta.SelectorLabels(spec) },
            PodMetricsEndpoints = [Endpoint(spec, port, path)],
        },
    };

    private static ServiceMonitor ServiceMonitor(ClusterSpec spec, string name, string component, string path)
    {
        var selector = ObjectMeta.SelectorLabels(spec);
        selector["app.kubernetes.io/component"] = component;
        return new ServiceMonitor
        {
            Metadata = SelectedByPrometheus(spec, name),
            Spec = new ServiceMonitorSpec
            {
                Selector = new V1LabelSelector { MatchLabels = selector },
                Endpoints = [Endpoint(spec, ServicePortName, path)],
            },
        };
    }

    private static MetricsEndpoint Endpoint(ClusterSpec spec, string port, string path) =>
        new() { Port = port, Path = path, Scheme = "http", Interval = spec.Monitoring.ScrapeInterval };

    private static V1Service KuboService(ClusterSpec spec, bool annotate) =>
        MetricsService(spec, MonitoringNames.KuboMetricsService(spec), KuboServiceComponent, Ports.KuboApi, KuboPortName, KuboMetricsPath, annotate);

    private static V1Service ClusterService(ClusterSpec spec, bool annotate) =>
        MetricsService(spec, MonitoringNames.ClusterMetricsService(spec), ClusterServiceComponent, Ports.ClusterMetrics, ClusterPortName, ClusterMetricsPath, annotate);

    /// <summary>
    /// A headless Service over one metrics port of every node-set pod. It adds no reachability (pod
    /// IPs are what Prometheus scrapes, fenced by the NetworkPolicies); it only lists the targets.
    /// Not-ready pods are listed too, so a peer that fails its probes is still scraped.
    /// </summary>
    private static V1Service MetricsService(ClusterSpec spec, string name, string component, int port, string targetPort, string path, bool annotate)
    {
        var meta = ObjectMeta.For(spec, name, component);
        if (annotate)
        {
            meta.Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["prometheus.io/scrape"] = "true",
                ["prometheus.io/port"] = port.ToString(CultureInfo.InvariantCulture),
                ["prometheus.io/path"] = path,
                ["prometheus.io/scheme"] = "http",
            };
        }
        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = meta,
            Spec = new V1ServiceSpec
            {
                ClusterIP = "None",
                PublishNotReadyAddresses = true,
                Selector = ObjectMeta.SelectorLabels(spec),
                Ports = [new V1ServicePort { Name = ServicePortName, Port = port, TargetPort = targetPort, Protocol = "TCP" }],
            },
        };
    }
}
