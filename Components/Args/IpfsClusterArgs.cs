using Ipfs.Manifests.Config;
using Ipfs.Manifests.Spec;
using Pulumi;

namespace Ipfs.Components;

/// <summary>
/// Arguments of <see cref="IpfsCluster"/>, one input per stack config key (the same names, grouped
/// the same way: <c>storage.dataSize</c> is <c>Storage.DataSize</c>). Only <see cref="Profile"/> is
/// required: the profile supplies every other default, exactly as in a stack file, and every value
/// passes the stack config's checks (a problem names the input, e.g. <c>args.storage.dataSize</c>).
/// Every input is plain: its value must be known when the component is constructed, because the
/// values decide which Kubernetes objects exist and what they contain.
/// </summary>
public sealed class IpfsClusterArgs : ResourceArgs
{
    /// <summary>Environment profile that supplies every other default.</summary>
    [Input("profile", required: true)]
    public string? Profile { get; set; }

    /// <summary>Namespace all objects live in (created with them).</summary>
    [Input("namespace")]
    public string? Namespace { get; set; }

    /// <summary>Base name of the cluster's objects and the CRDT cluster name.</summary>
    [Input("name")]
    public string? Name { get; set; }

    /// <summary>Number of pods, each a kubo node plus an ipfs-cluster peer. Scaling changes the highest ordinals only.</summary>
    [Input("peers")]
    public int? Peers { get; set; }

    /// <summary>Container images.</summary>
    [Input("images")]
    public ImagesArgs? Images { get; set; }

    /// <summary>Pin replication factors.</summary>
    [Input("replication")]
    public ReplicationArgs? Replication { get; set; }

    /// <summary>ipfs-cluster tuning.</summary>
    [Input("cluster")]
    public ClusterTuningArgs? Cluster { get; set; }

    /// <summary>CPU and memory per container.</summary>
    [Input("resources")]
    public ResourcesArgs? Resources { get; set; }

    /// <summary>Pod placement.</summary>
    [Input("availability")]
    public AvailabilityArgs? Availability { get; set; }

    /// <summary>Protect stateful resources (volumes, identities, the cluster secret) from deletion by Pulumi.</summary>
    [Input("protect")]
    public bool? Protect { get; set; }

    /// <summary>REST API credentials.</summary>
    [Input("restApi")]
    public RestApiArgs? RestApi { get; set; }

    /// <summary>Volumes, backups, snapshots and restores.</summary>
    [Input("storage")]
    public StorageArgs? Storage { get; set; }

    /// <summary>Networking and exposure.</summary>
    [Input("network")]
    public NetworkArgs? Network { get; set; }

    /// <summary>Monitoring.</summary>
    [Input("monitoring")]
    public MonitoringArgs? Monitoring { get; set; }

    /// <summary>A spec built in code (<see cref="FromSpec"/>): it decides, the inputs above are recorded for display.</summary>
    internal ClusterSpec? Spec;

    /// <summary>
    /// Arguments from a spec already built in code, e.g. loaded from your own stack config with
    /// <see cref="ClusterSpecLoader.Load"/> or started from <see cref="ClusterSpecDefaults.For"/> and
    /// changed with <c>with</c>. The spec decides every value; the cross-key rules still run when the
    /// component is created. Profile, namespace, name and peers are recorded as the component's inputs.
    /// </summary>
    public static IpfsClusterArgs FromSpec(ClusterSpec spec) => new()
    {
        Profile = spec.Profile == Manifests.Config.Profile.Prod ? "prod" : "dev",
        Namespace = spec.Namespace,
        Name = spec.Name,
        Peers = spec.Peers,
        Spec = spec,
    };
}
