namespace Ipfs.Manifests.Builders.NodeSet;

/// <summary>ipfs-cluster timings the project fixes, so that what depends on them (alert windows) can be derived.</summary>
public static class ClusterTimings
{
    /// <summary>
    /// CLUSTER_STATESYNCINTERVAL, ipfs-cluster's default (v1.1.6 cluster_config.go,
    /// DefaultStateSyncInterval). Each state sync lists the whole pinset, which is when a peer's
    /// <c>ipfscluster_pins</c> gauge shows the full pinset again (state/dsstate List).
    /// </summary>
    public static readonly TimeSpan StateSyncInterval = TimeSpan.FromMinutes(5);

    /// <summary>Go duration text of <see cref="StateSyncInterval"/>.</summary>
    public const string StateSyncIntervalText = "5m";

    /// <summary>
    /// A window that always holds at least one full pinset listing of a running peer: two state
    /// sync intervals. The most a peer's <c>ipfscluster_pins</c> gauge showed over it is its pinset
    /// size at that listing, whatever CRDT batching recorded in between.
    /// </summary>
    public static readonly TimeSpan FullListingWindow = 2 * StateSyncInterval;
}
