using Pulumi;

namespace Ipfs.Components;

/// <summary>ipfs-cluster tuning: pin tracker, liveness pings, CRDT batching, trust.</summary>
public sealed class ClusterTuningArgs : ResourceArgs
{
    /// <summary>Pins each peer's pin tracker runs at once.</summary>
    [Input("concurrentPins")]
    public int? ConcurrentPins { get; set; }

    /// <summary>How often peers send liveness pings (CLUSTER_MONITORPINGINTERVAL).</summary>
    [Input("monitorPingInterval")]
    public string? MonitorPingInterval { get; set; }

    /// <summary>CRDT batching: pins per batch commit; 0 turns batching off.</summary>
    [Input("crdtBatchSize")]
    public int? CrdtBatchSize { get; set; }

    /// <summary>CRDT batching: longest a batch waits before commit.</summary>
    [Input("crdtBatchMaxAge")]
    public string? CrdtBatchMaxAge { get; set; }

    /// <summary>Trust every peer ("*") instead of exactly this cluster's peer IDs.</summary>
    [Input("trustAllPeers")]
    public bool? TrustAllPeers { get; set; }
}
