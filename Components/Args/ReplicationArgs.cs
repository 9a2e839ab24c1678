using Pulumi;

namespace Ipfs.Components;

/// <summary>Pin replication factors of the cluster.</summary>
public sealed class ReplicationArgs : ResourceArgs
{
    /// <summary>Pin replication factor minimum (CLUSTER_REPLICATIONFACTORMIN). Allowed: integer 1..1000. Default: 1 (dev), 2 (prod).</summary>
    [Input("min")]
    public int? Min { get; set; }

    /// <summary>Pin replication factor maximum (CLUSTER_REPLICATIONFACTORMAX). Allowed: integer 1..1000. Default: 2 (dev), 3 (prod).</summary>
    [Input("max")]
    public int? Max { get; set; }
}
