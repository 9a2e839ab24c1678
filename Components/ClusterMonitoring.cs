using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Spec;
using Pulumi;

namespace Ipfs.Components;

/// <summary>Scraping configuration, alert rules and the Grafana dashboard.</summary>
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

    /// <summary>The registered objects.</summary>
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
}
