using System.Text.RegularExpressions;

namespace Ipfs.Manifests.Tests.Builders.Monitoring;

/// <summary>
/// The metrics the deployment really exports (shared/DESIGN.md "Metrics", checked against
/// ipfs-cluster v1.1.6 observations/metrics.go and kubo's core/corehttp/metrics.go), plus the
/// kube-state-metrics, kubelet (volume stats, cAdvisor) and <c>up</c> series. Kept here, apart
/// from the builders, so a query naming anything else fails a test.
/// </summary>
internal static partial class ExportedMetrics
{
    public static readonly IReadOnlySet<string> IpfsCluster = new HashSet<string>(StringComparer.Ordinal)
    {
        "ipfscluster_pins", "ipfscluster_pins_pin_queued", "ipfscluster_pins_pinning", "ipfscluster_pins_pin_error",
        "ipfscluster_pins_ipfs_pins", "ipfscluster_informer_disk", "ipfscluster_pins_pin_add", "ipfscluster_pins_pin_add_errors",
        "ipfscluster_blocks_put", "ipfscluster_blocks_added", "ipfscluster_blocks_added_size", "ipfscluster_blocks_put_errors",
    };

    public static readonly IReadOnlySet<string> Kubo = new HashSet<string>(StringComparer.Ordinal)
    {
        "ipfs_p2p_peers_total", "ipfs_bitswap_wantlist_total", "ipfs_bitswap_pending_tasks", "ipfs_bitswap_active_tasks",
        "ipfs_bitswap_blocks_received", "ipfs_http_gw_responses_total",
    };

    private static readonly string[] Prefixes = ["ipfs_fsrepo_datastore_", "libp2p_rcmgr_", "go_", "process_"];

    public static readonly IReadOnlySet<string> Kubernetes = new HashSet<string>(StringComparer.Ordinal)
    {
        "up",
        "kubelet_volume_stats_available_bytes", "kubelet_volume_stats_capacity_bytes",
        "kube_statefulset_status_replicas_ready", "kube_statefulset_replicas",
        "kube_pod_container_status_restarts_total", "kube_pod_container_resource_limits",
        "container_memory_working_set_bytes", "container_cpu_usage_seconds_total",
    };

    public static bool IsExported(string metric) =>
        IpfsCluster.Contains(metric) || Kubo.Contains(metric) || Kubernetes.Contains(metric)
        || Prefixes.Any(p => metric.StartsWith(p, StringComparison.Ordinal));

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
    };

    /// <summary>Every metric name a PromQL expression selects (functions, keywords, labels and durations excluded).</summary>
    public static IReadOnlyList<string> MetricNames(string expr)
    {
        var text = Strings().Replace(expr, "\"\"");
        text = Braces().Replace(text, " ");
        text = Brackets().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        return Identifiers().Matches(text)
            .Where(m => !Keywords.Contains(m.Value) && !text[(m.Index + m.Length)..].TrimStart().StartsWith('('))
            .Select(m => m.Value)
            .ToList();
    }

    /// <summary>Each selector <c>metric{matchers}</c> of an expression, with its matchers as written.</summary>
    public static IEnumerable<(string Metric, string Matchers)> Selectors(string expr) =>
        Selector().Matches(expr).Select(m => (m.Groups[1].Value, m.Groups[2].Value));

    [GeneratedRegex("\"(\\\\.|[^\"\\\\])*\"")]
    private static partial Regex Strings();

    [GeneratedRegex("\\{[^}]*\\}")]
    private static partial Regex Braces();

    [GeneratedRegex("\\[[^\\]]*\\]")]
    private static partial Regex Brackets();

    [GeneratedRegex("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)")]
    private static partial Regex Grouping();

    [GeneratedRegex("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifiers();

    [GeneratedRegex("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)\\}")]
    private static partial Regex Selector();
}
