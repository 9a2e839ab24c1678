using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Spec;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.NodeSet;

/// <summary>Failover: repinning per profile, the timings that decide "peer gone", and the rules that keep restarts from moving pins.</summary>
public class RepinningTests
{
    private static ClusterSpec WithRepinning(ClusterSpec spec, RepinningSpec repinning) => spec with { Repinning = repinning };

    private static IReadOnlyList<string> Problems(ClusterSpec spec) =>
        ClusterSpecLoader.Validate(spec, "test").Select(p => p.ToString()).ToList();

    [Fact]
    public void ProdRepinsAndDevDoesNot_ThroughUpstreamsOwnSwitch()
    {
        Assert.True(TestSpecs.Prod.Repinning.Enabled);
        Assert.False(TestSpecs.Dev.Repinning.Enabled);
        Assert.Equal("false", NodeSetObjects.Env(new NodeSetObjects(TestSpecs.Prod).Cluster, "CLUSTER_DISABLEREPINNING"));
        Assert.Equal("true", NodeSetObjects.Env(new NodeSetObjects(TestSpecs.Dev).Cluster, "CLUSTER_DISABLEREPINNING"));
    }

    [Fact]
    public void TheGraceIsTheMonitorPingInterval_AndTheInformerTtlReachesEveryLoadedInformer()
    {
        var cluster = new NodeSetObjects(TestSpecs.Prod).Cluster;
        Assert.Equal(TestSpecs.Prod.Repinning.Grace, NodeSetObjects.Env(cluster, "CLUSTER_MONITORPINGINTERVAL"));
        Assert.Equal(TestSpecs.Prod.Repinning.CheckInterval, NodeSetObjects.Env(cluster, "CLUSTER_PUBSUBMON_CHECKINTERVAL"));
        foreach (var informer in new[] { "DISK", "TAGS", "PINQUEUE" })
            Assert.Equal(TestSpecs.Prod.Repinning.InformerTtl, NodeSetObjects.Env(cluster, $"CLUSTER_{informer}_METRICTTL"));
    }

    [Fact]
    public void TheProdDefaultsPassValidation_AndTheirGraceCoversTheLongestPodRestart()
    {
        Assert.Empty(Problems(TestSpecs.Prod));
        Assert.Empty(Problems(TestSpecs.Dev));
        Assert.True(GoDuration.Parse(TestSpecs.Prod.Repinning.Grace) >= PodRestartBudget.Longest(TestSpecs.Prod));
    }

    [Fact]
    public void TheRestartBudgetIsReadFromThePodsOwnProbesAndTerminationGrace()
    {
        var set = new NodeSetObjects(TestSpecs.Prod);
        var startup = set.Pod.Containers.Max(c => c.StartupProbe.PeriodSeconds!.Value * c.StartupProbe.FailureThreshold!.Value + (c.StartupProbe.InitialDelaySeconds ?? 0));
        Assert.Equal(TimeSpan.FromSeconds(set.Pod.TerminationGracePeriodSeconds!.Value + startup), PodRestartBudget.Longest(TestSpecs.Prod));
    }

    [Fact]
    public void AGraceShorterThanAPodRestartIsRefused_NamingTheFloorAndWhereItComesFrom()
    {
        var floor = PodRestartBudget.Longest(TestSpecs.Prod);
        var justBelow = $"{(int)floor.TotalSeconds - 1}s";
        var problem = Assert.Single(Problems(WithRepinning(TestSpecs.Prod, TestSpecs.Prod.Repinning with { Grace = justBelow })));
        Assert.Contains($"ipfs-infra:cluster.repinning.grace = {justBelow}", problem);
        Assert.Contains($"must be at least {(int)floor.TotalMinutes}m", problem);
        Assert.Contains("termination grace", problem);
        Assert.Empty(Problems(WithRepinning(TestSpecs.Prod, TestSpecs.Prod.Repinning with { Grace = $"{(int)floor.TotalSeconds}s" })));
    }

    [Fact]
    public void ContradictoryTimingsAreAllListedAtOnce()
    {
        var spec = WithRepinning(TestSpecs.Prod with { Peers = 3, Replication = new(3, 3) },
            new RepinningSpec(true, "10m", "10m", "1h"));
        var problems = Problems(spec);
        Assert.Contains(problems, p => p.Contains("cluster.repinning.grace = 10m") && p.Contains("must be at least"));
        Assert.Contains(problems, p => p.Contains("cluster.repinning.checkInterval = 10m") && p.Contains("shorter than cluster.repinning.grace"));
        Assert.Contains(problems, p => p.Contains("cluster.repinning.informerTtl = 1h") && p.Contains("stop receiving new pins"));
        Assert.Contains(problems, p => p.Contains("cluster.repinning.enabled") && p.Contains("no spare peer"));
        Assert.Equal(4, problems.Count);
    }

    [Fact]
    public void WithRepinningOffShortTimingsAreAccepted_NothingActsOnThem()
    {
        Assert.Empty(Problems(WithRepinning(TestSpecs.Dev, new RepinningSpec(false, "15s", "15s", "30s"))));
    }

    [Fact]
    public void ADurationSetInCodeThatGoCannotParseIsRefused()
    {
        var problem = Assert.Single(Problems(WithRepinning(TestSpecs.Dev, TestSpecs.Dev.Repinning with { CheckInterval = "15" })));
        Assert.Contains("cluster.repinning.checkInterval = 15", problem);
    }

    [Fact]
    public void AStackFileWithATooShortGraceFailsNamingTheFileAndKey()
    {
        using var stack = new TempStackFile();
        var error = Assert.Throws<ConfigValidationException>(() =>
            stack.Load("config:\n  ipfs-infra:profile: prod\n  ipfs-infra:cluster:\n    repinning:\n      grace: 5m\n"));
        Assert.Contains("Pulumi.test.yaml: ipfs-infra:cluster.repinning.grace = 5m", error.Message);
        Assert.Contains("a pod restart may take that long", error.Message);
    }

    [Fact]
    public void TheStackFileSetsRepinning()
    {
        using var stack = new TempStackFile();
        var spec = stack.Load("config:\n  ipfs-infra:profile: dev\n  ipfs-infra:cluster:\n    repinning:\n      enabled: true\n      grace: 40m\n");
        Assert.Equal(new RepinningSpec(true, "40m", "15s", "30s"), spec.Repinning);
    }
}
