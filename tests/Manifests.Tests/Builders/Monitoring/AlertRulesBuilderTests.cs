using Ipfs.Manifests.Builders.Monitoring;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Spec;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.Monitoring;

public sealed class AlertRulesBuilderTests
{
    public static TheoryData<string> Specs => MonitoringSpecs.All();

    /// <summary>The alerts issue #6 asks for, by what they are about.</summary>
    public static readonly string[] RequiredAlerts =
    [
        "IpfsClusterPeerDown",                     // peer down
        "IpfsKuboNodeDown",                        // peer down (its kubo)
        "IpfsClusterReadyPeersBelowConfigured",    // fewer ready peers than configured
        "IpfsClusterPinsInError",                  // pins in error
        "IpfsClusterPinQueueGrowing",              // pin queue growing
        "IpfsClusterPinAddErrors",                 // pin-add errors rising
        "IpfsVolumeAlmostFull",                    // volume almost full (kubelet volume stats)
        "IpfsClusterFreeSpaceMetricMissing",       // the cluster's free-space metric absent
        "IpfsKuboNoSwarmPeers",                    // kubo with no swarm peers
        "IpfsClusterPinsetDiverging",              // pinset diverging between peers
        "IpfsPodRestarting",                       // pods restarting
        "IpfsContainerMemoryNearLimit",            // memory close to the limit
    ];

    [Fact]
    public void TheRuleHasEveryAlertTheIssueAsksFor()
    {
        var alerts = AlertRulesBuilder.Rules(TestSpecs.Prod).Select(r => r.Alert).ToList();

        Assert.All(RequiredAlerts, required => Assert.Contains(required, alerts));
        Assert.Equal(alerts.Count, alerts.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryAlert_HasSeveritySummaryDescriptionAndRunbook(string name)
    {
        foreach (var rule in AlertRulesBuilder.Rules(MonitoringSpecs.Get(name)))
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Alert));
            Assert.Contains(rule.Labels!["severity"], new[] { "warning", "critical" });
            Assert.Equal(["description", "runbook", "summary"], rule.Annotations!.Keys.Order(StringComparer.Ordinal));
            Assert.All(rule.Annotations.Values, text => Assert.True(text.Length > 20, $"{rule.Alert}: '{text}' is too short to help"));
            Assert.True(rule.Annotations["runbook"].Contains("kubectl", StringComparison.Ordinal) || rule.Annotations["runbook"].Contains("resources.", StringComparison.Ordinal),
                $"{rule.Alert}: the runbook should say what to run or change");
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryExpression_NamesOnlyMetricsTheDeploymentExports(string name)
    {
        foreach (var rule in AlertRulesBuilder.Rules(MonitoringSpecs.Get(name)))
        {
            var metrics = ExportedMetrics.MetricNames(rule.Expr);
            Assert.NotEmpty(metrics);
            Assert.All(metrics, m => Assert.True(ExportedMetrics.IsExported(m), $"{rule.Alert} uses {m}, which nothing exports: {rule.Expr}"));
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void EverySelector_IsScopedToThisCluster(string name)
    {
        var spec = MonitoringSpecs.Get(name);
        var targets = MetricTargets.For(spec);
        foreach (var rule in AlertRulesBuilder.Rules(spec))
        {
            foreach (var (metric, matchers) in ExportedMetrics.Selectors(rule.Expr))
            {
                Assert.Contains($"namespace=\"{spec.Namespace}\"", matchers, StringComparison.Ordinal);
                if (ExportedMetrics.IpfsCluster.Contains(metric)) Assert.Equal(targets.Cluster, matchers);
                if (ExportedMetrics.Kubo.Contains(metric)) Assert.Equal(targets.Kubo, matchers);
            }
        }
    }

    [Fact]
    public void Thresholds_ComeFromConfig()
    {
        var spec = MonitoringSpecs.Get("custom-thresholds");
        var rules = AlertRulesBuilder.Rules(spec).ToDictionary(r => r.Alert!);

        Assert.Equal("3m", rules["IpfsClusterPeerDown"].For);
        Assert.Equal("3m", rules["IpfsKuboNodeDown"].For);
        Assert.EndsWith("< 5", rules["IpfsClusterReadyPeersBelowConfigured"].Expr, StringComparison.Ordinal);
        Assert.EndsWith("< 3", rules["IpfsClusterReadyPeersBelowReplicationMin"].Expr, StringComparison.Ordinal);
        Assert.EndsWith("> 3", rules["IpfsClusterPinsInError"].Expr, StringComparison.Ordinal);
        Assert.Contains("[20m]", rules["IpfsClusterPinQueueGrowing"].Expr, StringComparison.Ordinal);
        Assert.Equal("20m", rules["IpfsClusterPinQueueGrowing"].For);
        Assert.EndsWith("> 40", rules["IpfsClusterPinAddErrors"].Expr, StringComparison.Ordinal);
        Assert.EndsWith("> 70", rules["IpfsVolumeAlmostFull"].Expr, StringComparison.Ordinal);
        Assert.EndsWith("> 80", rules["IpfsContainerMemoryNearLimit"].Expr, StringComparison.Ordinal);
        Assert.EndsWith(">= 5", rules["IpfsPodRestarting"].Expr, StringComparison.Ordinal);
        Assert.Contains(") > 7 and on (namespace, job)", rules["IpfsClusterPinsetDiverging"].Expr, StringComparison.Ordinal);
        Assert.Equal("45m", rules["IpfsClusterPinsetDiverging"].For);
        Assert.Contains("namespace=\"team-ipfs\"", rules["IpfsClusterPeerDown"].Expr, StringComparison.Ordinal);
        Assert.Contains("observability", rules["IpfsClusterPeerDown"].Annotations!["runbook"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ScrapeMode.PodMonitor, "job=\"ipfs/ipfs-cluster\"", "job=\"ipfs/ipfs-kubo\"")]
    [InlineData(ScrapeMode.ServiceMonitor, "service=\"ipfs-cluster-metrics\"", "service=\"ipfs-kubo-metrics\"")]
    [InlineData(ScrapeMode.Annotations, "service=\"ipfs-cluster-metrics\"", "service=\"ipfs-kubo-metrics\"")]
    public void Targets_AreSelectedByTheLabelsTheirScrapeModeProduces(ScrapeMode mode, string cluster, string kubo)
    {
        var spec = TestSpecs.Prod with { Monitoring = TestSpecs.Prod.Monitoring with { Scrape = mode } };
        var rules = AlertRulesBuilder.Rules(spec).ToDictionary(r => r.Alert!);

        Assert.Equal($"up{{namespace=\"ipfs\",{cluster}}} == 0", rules["IpfsClusterPeerDown"].Expr);
        Assert.Equal($"up{{namespace=\"ipfs\",{kubo}}} == 0", rules["IpfsKuboNodeDown"].Expr);
        // Without a pod label (annotations), alerts name the target by instance.
        Assert.Contains(mode == ScrapeMode.Annotations ? "$labels.instance" : "$labels.pod", rules["IpfsClusterPeerDown"].Annotations!["summary"], StringComparison.Ordinal);
    }

    [Fact]
    public void SinglePeerPrivateSwarm_HasNoSwarmPeersAlert_ThatCouldNeverClear()
    {
        var lonely = TestSpecs.Dev with { Peers = 1, Replication = new ReplicationSpec(1, 1), Network = TestSpecs.Dev.Network with { PrivateSwarm = true } };

        Assert.DoesNotContain(AlertRulesBuilder.Rules(lonely), r => r.Alert == "IpfsKuboNoSwarmPeers");
        Assert.Contains(AlertRulesBuilder.Rules(lonely with { Peers = 2, Replication = new ReplicationSpec(1, 2) }), r => r.Alert == "IpfsKuboNoSwarmPeers");
        Assert.Contains(AlertRulesBuilder.Rules(lonely with { Network = lonely.Network with { PrivateSwarm = false } }), r => r.Alert == "IpfsKuboNoSwarmPeers");
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void PromtoolScenarios_CoverEveryAlertFiringAndNotFiring(string name)
    {
        var spec = MonitoringSpecs.Get(name);
        var scenarios = RuleScenarios.For(spec);

        foreach (var rule in AlertRulesBuilder.Rules(spec))
        {
            var checks = scenarios.Where(s => s.Alert == rule.Alert).SelectMany(s => s.Checks).ToList();
            Assert.True(checks.Any(c => c.Alerts.Count > 0), $"{rule.Alert} has no firing scenario");
            Assert.True(checks.Any(c => c.Alerts.Count == 0), $"{rule.Alert} has no not-firing scenario");
        }
        Assert.All(scenarios, s => Assert.Contains(AlertRulesBuilder.Rules(spec), r => r.Alert == s.Alert));
    }

    [Fact]
    public void RuleFile_IsTheRenderedPrometheusRuleSpec()
    {
        var rule = AlertRulesBuilder.Build(TestSpecs.Prod);

        Assert.Equal("monitoring.coreos.com/v1", rule.ApiVersion);
        Assert.Equal("PrometheusRule", rule.Kind);
        Assert.Equal(("ipfs-alerts", "ipfs"), (rule.Metadata.Name, rule.Metadata.NamespaceProperty));
        Assert.Equal("kube-prometheus-stack", rule.Metadata.Labels["release"]);
        Assert.StartsWith("groups:\n- name: ipfs-cluster\n  rules:\n  - alert: IpfsClusterPeerDown\n", PromtoolFiles.Rules(TestSpecs.Prod), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("up{namespace=\"a\",job=\"b\"} == 0", new[] { "up" })]
    [InlineData("max by (namespace, job) (ipfscluster_pins{x=\"y\"}) - min by (namespace, job) (ipfscluster_pins{x=\"y\"}) > 3", new[] { "ipfscluster_pins", "ipfscluster_pins" })]
    [InlineData("a / on (pod) group_left (node) b * 100 > bool 5", new[] { "a", "b" })]
    [InlineData("sum by (pod) (rate(c_total{l=~\"x|y\"}[$__rate_interval])) unless absent(d)", new[] { "c_total", "d" })]
    public void MetricNameExtraction_FindsMetricsOnly(string expr, string[] expected) =>
        Assert.Equal(expected, ExportedMetrics.MetricNames(expr));

    [Fact]
    public void TemplateExpansion_SupportsOnlyTheActionsTheRulesUse()
    {
        var labels = new Dictionary<string, string> { ["pod"] = "ipfs-0" };

        Assert.Equal("ipfs-0 has 91 () ", PromtoolFiles.Expand("{{ $labels.pod }} has {{ $value | printf \"%.0f\" }} ({{ $labels.none }}) ", labels, 90.99));
        Assert.Throws<InvalidOperationException>(() => PromtoolFiles.Expand("{{ $value | humanize }}", labels, 1));
    }

    [Fact]
    public void PrometheusDurations_ParseLikePrometheus()
    {
        Assert.Equal(TimeSpan.FromMinutes(90), PrometheusDuration.Parse("1h30m"));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), PrometheusDuration.Parse("1s500ms"));
        Assert.Equal(TimeSpan.FromDays(8), PrometheusDuration.Parse("1w1d"));
        Assert.False(PrometheusDuration.TryParse("30m1h", out _)); // units largest first
        Assert.False(PrometheusDuration.TryParse("1.5m", out _));
        Assert.False(PrometheusDuration.TryParse("0s", out _));
        Assert.False(PrometheusDuration.TryParse("", out _));
    }

    [Fact]
    public void TheReadmesMonitoringSection_ListsEveryAlert()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml"))) dir = dir.Parent;
        var readme = File.ReadAllText(Path.Combine(dir!.FullName, "README.md"));
        var section = readme[readme.IndexOf("## Monitoring", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];

        foreach (var rule in AlertRulesBuilder.Rules(TestSpecs.Prod))
            Assert.Contains($"`{rule.Alert}`", section, StringComparison.Ordinal);
    }
}
