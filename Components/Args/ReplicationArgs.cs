using Pulumi;

namespace Ipfs.Components;

/// <summary>Pin replication factors of the cluster.</summary>
public sealed class ReplicationArgs : ResourceArgs
{
    /// <summary>Pin replication factor minimum (CLUSTER_REPLICATIONFACTORMIN).</summary>
    [Input("min")]
    public int? Min { get; set; }

    /// <summary>Pin replication factor maximum (CLUSTER_REPLICATIONFACTORMAX).</summary>
    [Input("max")]
    public int? Max { get; set; }
}
