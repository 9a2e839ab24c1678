using Pulumi;

namespace Ipfs.Components;

/// <summary>ipfs-cluster tuning: pin tracker, CRDT batching, trust, repinning after a peer is lost.</summary>
public sealed class ClusterTuningArgs : ResourceArgs
{
    /// <summary>Pins each peer's pin tracker runs at once.</summary>
    [Input("concurrentPins")]
    public int? ConcurrentPins { get; set; }

    /// <summary>CRDT batching: pins per batch commit; 0 turns batching off.</summary>
    [Input("crdtBatchSize")]
    public int? CrdtBatchSize { get; set; }

    /// <summary>CRDT batching: longest a batch waits before commit.</summary>
    [Input("crdtBatchMaxAge")]
    public string? CrdtBatchMaxAge { get; set; }

    /// <summary>Trust every peer ("*") instead of exactly this cluster's peer IDs.</summary>
    [Input("trustAllPeers")]
    public bool? TrustAllPeers { get; set; }

    /// <summary>Failover: when and how a lost peer's pins are re-allocated.</summary>
    [Input("repinning")]
    public RepinningArgs? Repinning { get; set; }
}

/// <summary>Re-allocation of a lost peer's pins and the timings that decide when a peer counts as lost.</summary>
public sealed class RepinningArgs : ResourceArgs
{
    /// <summary>Re-allocate the pins of a peer that has been gone longer than the grace, until each is back at replication.min.</summary>
    [Input("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>How long a peer may be silent before it counts as gone (the monitor ping interval); with repinning on it must cover the longest pod restart.</summary>
    [Input("grace")]
    public string? Grace { get; set; }

    /// <summary>How often every peer looks for expired peer metrics; shorter than the grace.</summary>
    [Input("checkInterval")]
    public string? CheckInterval { get; set; }

    /// <summary>Lifetime of the allocation metrics (free space, tags, pin queue): a stopped peer gets no new pins after this; shorter than the grace.</summary>
    [Input("informerTtl")]
    public string? InformerTtl { get; set; }
}
