using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders.NodeSet;

/// <summary>
/// The longest a healthy pod restart can take, read from the pod's own settings: the termination
/// grace period plus the most generous startup probe of its containers. ipfs-cluster publishes
/// its first ping only once kubo answers (v1.1.6 cluster.go: ready() waits for IPFS before run()
/// starts pushPingMetrics), so a repo migration inside kubo's startup budget keeps the peer silent.
/// </summary>
public static class PodRestartBudget
{
    /// <summary>Termination grace plus the longest startup probe budget of the node pod's containers.</summary>
    public static TimeSpan Longest(ClusterSpec spec)
    {
        V1Container[] containers = [NodeContainers.Kubo(spec), NodeContainers.Cluster(spec)];
        var startup = containers.Max(c => StartupSeconds(c.StartupProbe));
        return TimeSpan.FromSeconds(StatefulSetBuilder.TerminationGracePeriodSeconds + startup);
    }

    /// <summary>How the budget is made up, for messages and docs.</summary>
    public static string Explain(ClusterSpec spec)
    {
        var kubo = StartupSeconds(NodeContainers.Kubo(spec).StartupProbe);
        var cluster = StartupSeconds(NodeContainers.Cluster(spec).StartupProbe);
        return $"{StatefulSetBuilder.TerminationGracePeriodSeconds}s termination grace + the longest startup probe budget (kubo {kubo}s, cluster {cluster}s)";
    }

    private static int StartupSeconds(V1Probe? probe) =>
        probe is null ? 0 : (probe.InitialDelaySeconds ?? 0) + (probe.PeriodSeconds ?? 10) * (probe.FailureThreshold ?? 3);
}
