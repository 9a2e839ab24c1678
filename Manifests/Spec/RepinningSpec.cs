namespace Ipfs.Manifests.Spec;

/// <summary>
/// Failover of pins: whether a gone peer's pins are re-allocated, and the ipfs-cluster timings
/// that decide when a peer counts as gone (every duration in Go's syntax).
/// </summary>
/// <param name="Enabled">Re-allocate the pins of a gone peer (CLUSTER_DISABLEREPINNING is the inverse).</param>
/// <param name="Grace">
/// The monitor ping interval (CLUSTER_MONITORPINGINTERVAL). A peer's ping metric lives twice this
/// long, so a peer silent for at most <see cref="Grace"/> never has its pins moved, and one silent
/// for more than twice it plus <see cref="CheckInterval"/> always has.
/// </param>
/// <param name="CheckInterval">How often each peer looks for expired metrics (CLUSTER_PUBSUBMON_CHECKINTERVAL).</param>
/// <param name="InformerTtl">Lifetime of the allocation metrics (free space, tags, pin queue): a gone peer stops receiving new pins after this.</param>
public sealed record RepinningSpec(bool Enabled, string Grace, string CheckInterval, string InformerTtl);
