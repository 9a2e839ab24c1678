using Pulumi;

namespace Ipfs.Components;

/// <summary>ipfs-cluster tuning: pin tracker, liveness pings, CRDT batching, trust.</summary>
public sealed class ClusterTuningArgs : ResourceArgs
{
    /// <summary>Pins each peer's pin tracker runs at once. Allowed: integer 1..1000. Default: 10 (both profiles).</summary>
    [Input("concurrentPins")]
    public int? ConcurrentPins { get; set; }

    /// <summary>How often peers send liveness pings (CLUSTER_MONITORPINGINTERVAL). Allowed: Go duration (e.g. 15s, 2m, 1h30m). Default: 15s (both profiles).</summary>
    [Input("monitorPingInterval")]
    public string? MonitorPingInterval { get; set; }

    /// <summary>CRDT batching: pins per batch commit; 0 turns batching off. Allowed: integer 0..100000. Default: 0 (dev), 100 (prod).</summary>
    [Input("crdtBatchSize")]
    public int? CrdtBatchSize { get; set; }

    /// <summary>CRDT batching: longest a batch waits before commit. Allowed: Go duration (e.g. 15s, 2m, 1h30m). Default: 1m (both profiles).</summary>
    [Input("crdtBatchMaxAge")]
    public string? CrdtBatchMaxAge { get; set; }

    /// <summary>Trust every peer ("*") instead of exactly this cluster's peer IDs. Default: false (both profiles).</summary>
    [Input("trustAllPeers")]
    public bool? TrustAllPeers { get; set; }
}
