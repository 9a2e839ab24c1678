namespace Ipfs.Manifests.Config;

public static partial class ConfigSchema
{
    // The grace is ipfs-cluster's monitor ping interval: the ping metric's TTL is twice the interval
    // and an expired ping metric is what triggers re-allocation (ipfs-cluster v1.1.6 cluster.go,
    // sendPingMetric and alertsHandler; monitor/metrics/checker.go).
    private static IEnumerable<ConfigField> RepinningFields() =>
    [
        F("cluster.repinning.enabled", FieldType.Bool,
            "Re-allocate the pins of a peer that has been gone longer than cluster.repinning.grace, until each is back at replication.min (CLUSTER_DISABLEREPINNING is the inverse).", false, true),
        F("cluster.repinning.grace", FieldType.Duration,
            "How long a peer may be silent before it counts as gone: the monitor ping interval (CLUSTER_MONITORPINGINTERVAL). A peer away at most this long never has its pins moved; one away longer than twice this plus cluster.repinning.checkInterval always has. With repinning on it must cover the longest pod restart.", "15s", "45m"),
        Same("cluster.repinning.checkInterval", FieldType.Duration,
            "How often every peer looks for expired peer metrics (CLUSTER_PUBSUBMON_CHECKINTERVAL); shorter than the grace.", "15s"),
        Same("cluster.repinning.informerTtl", FieldType.Duration,
            "Lifetime of the allocation metrics (free space, tags, pin queue: CLUSTER_DISK_METRICTTL, CLUSTER_TAGS_METRICTTL, CLUSTER_PINQUEUE_METRICTTL): a stopped peer gets no new pins after this; shorter than the grace.", "30s"),
    ];
}
