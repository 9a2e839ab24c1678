using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Spec;
using Pulumi;

namespace Ipfs.Components;

/// <summary>
/// Scraping configuration (PodMonitors, ServiceMonitors or annotated metrics Services), the alert
/// rules (a PrometheusRule) and the Grafana dashboard (a ConfigMap in the monitoring namespace).
/// Registers nothing when <see cref="MonitoringSpec.Enabled"/> is false. The PodMonitor,
/// ServiceMonitor and PrometheusRule kinds need the Prometheus operator's CRDs in the cluster.
/// </summary>
public sealed class ClusterMonitoring : ComponentResource
{
    /// <summary>Registers the monitoring objects Manifests builds for the spec.</summary>
    public ClusterMonitoring(string name, ClusterMonitoringArgs args, ComponentResourceOptions? options = null)
        : base("ipfs:index:ClusterMonitoring", name, args, options)
    {
        Objects = ManifestRegistration.Register(this, ClusterManifest.MonitoringObjects(args.Spec),
            (_, _) => ManifestRegistration.Options(args.DependsOn, protect: false));
        RegisterOutputs();
    }

    /// <summary>The registered objects (none when monitoring is off).</summary>
    public IReadOnlyList<ManifestObject> Objects { get; }
}

/// <summary>Arguments of <see cref="ClusterMonitoring"/>.</summary>
public sealed class ClusterMonitoringArgs : ResourceArgs
{
    /// <summary>The validated cluster spec.</summary>
    public required ClusterSpec Spec { get; init; }

    /// <summary>Resources the objects wait for.</summary>
    public IReadOnlyList<Resource> DependsOn { get; init; } = [];

    /// <summary>Namespace (recorded as the component's input).</summary>
    [Input("namespace")]
    public Input<string>? Namespace => Spec.Namespace;

    /// <summary>Whether monitoring is on (recorded as the component's input).</summary>
    [Input("enabled")]
    public Input<bool>? Enabled => Spec.Monitoring.Enabled;

    /// <summary>Scrape mode: podMonitor, serviceMonitor or annotations (recorded as the component's input).</summary>
    [Input("scrape")]
    public Input<string>? Scrape => Spec.Monitoring.Scrape switch
    {
        ScrapeMode.ServiceMonitor => "serviceMonitor",
        ScrapeMode.Annotations => "annotations",
        _ => "podMonitor",
    };

    /// <summary>Namespace of the Prometheus and of the dashboard ConfigMap (recorded as the component's input).</summary>
    [Input("monitoringNamespace")]
    public Input<string>? MonitoringNamespace => Spec.Monitoring.Namespace;
}
