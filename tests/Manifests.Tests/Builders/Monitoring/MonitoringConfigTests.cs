using System.Text.Json;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Spec;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.Monitoring;

/// <summary>The monitoring.* keys: profile defaults, overrides from a stack file, and refused values.</summary>
public sealed class MonitoringConfigTests : IDisposable
{
    private const string FileName = "Pulumi.mon.yaml";
    private readonly TempStackFile _stackFile = new(FileName);

    public void Dispose() => _stackFile.Dispose();

    private static string Stack(params string[] lines) => "config:\n" + string.Concat(lines.Select(l => "  " + l + "\n"));

    private ClusterSpec Load(string yaml) => _stackFile.Load(yaml);

    [Fact]
    public void MonitoringIsOffInDev_AndOnInProd()
    {
        Assert.False(TestSpecs.Dev.Monitoring.Enabled);
        Assert.True(TestSpecs.Prod.Monitoring.Enabled);
        Assert.Equal(ScrapeMode.PodMonitor, TestSpecs.Prod.Monitoring.Scrape);
        Assert.True(TestSpecs.Prod.Monitoring.Rules.Enabled);
        Assert.True(TestSpecs.Prod.Monitoring.Dashboard.Enabled);
        Assert.Equal("kube-prometheus-stack", TestSpecs.Prod.Monitoring.PrometheusLabels["release"]);
        Assert.Equal("1", TestSpecs.Prod.Monitoring.Dashboard.Labels["grafana_dashboard"]);
    }

    [Fact]
    public void TheRecordsDefaults_AreTheProdProfile()
    {
        // A consumer writing new MonitoringSpec(true, "monitoring") gets what a prod stack gets.
        Assert.Equal(TestSpecs.Prod.Monitoring, new MonitoringSpec(true, "monitoring"));
        Assert.Equal(JsonSerializer.Serialize(TestSpecs.Prod.Monitoring), JsonSerializer.Serialize(new MonitoringSpec(true, "monitoring")));
    }

    [Fact]
    public void MonitoringSpec_ComparesLabelsByValue()
    {
        var a = new MonitoringSpec(true, "m") { PrometheusLabels = new Dictionary<string, string> { ["a"] = "1" } };
        var b = new MonitoringSpec(true, "m") { PrometheusLabels = new SortedDictionary<string, string> { ["a"] = "1" } };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { PrometheusLabels = new Dictionary<string, string> { ["a"] = "2" } });
        Assert.NotEqual(a, b with { Dashboard = new DashboardSpec { Labels = new Dictionary<string, string>() } });
    }

    [Fact]
    public void EveryMonitoringKey_IsReadFromTheStackFile()
    {
        var spec = Load(Stack(
            "ipfs-infra:profile: dev",
            "ipfs-infra:monitoring:",
            "  enabled: true",
            "  namespace: observability",
            "  scrape: serviceMonitor",
            "  scrapeInterval: 15s",
            "  prometheusLabels:",
            "    release: prom",
            "    prometheus: main",
            "  rules:",
            "    enabled: false",
            "    peerDownFor: 2m",
            "    pinErrorThreshold: 4",
            "    queueGrowthWindow: 1h",
            "    pinAddErrorThreshold: 50",
            "    volumeFullPercent: 75",
            "    memoryPercent: 95",
            "    restartThreshold: 2",
            "    pinsetDivergenceThreshold: 20",
            "    pinsetDivergenceWindow: 1h30m",
            "  dashboard:",
            "    enabled: false",
            "    labels:",
            "      grafana_dashboard: 1",
            "    folder: Storage",
            "    folderAnnotation: grafana_folder"));

        Assert.Equal(new MonitoringSpec(true, "observability")
        {
            Scrape = ScrapeMode.ServiceMonitor,
            ScrapeInterval = "15s",
            PrometheusLabels = new Dictionary<string, string> { ["prometheus"] = "main", ["release"] = "prom" },
            Rules = new AlertRulesSpec
            {
                Enabled = false, PeerDownFor = "2m", PinErrorThreshold = 4, QueueGrowthWindow = "1h", PinAddErrorThreshold = 50,
                VolumeFullPercent = 75, MemoryPercent = 95, RestartThreshold = 2, PinsetDivergenceThreshold = 20, PinsetDivergenceWindow = "1h30m",
            },
            Dashboard = new DashboardSpec { Enabled = false, Labels = new Dictionary<string, string> { ["grafana_dashboard"] = "1" }, Folder = "Storage" },
        }, spec.Monitoring);
    }

    public static TheoryData<string, string[], string[]> BadMonitoring => new()
    {
        { "unknown scrape mode", ["  scrape: prometheus"], ["ipfs-infra:monitoring.scrape = prometheus", "must be one of podMonitor, serviceMonitor, annotations"] },
        { "scrape interval beyond staleness", ["  scrapeInterval: 10m"], ["ipfs-infra:monitoring.scrapeInterval = 10m", "from 1s to 5m"] },
        { "Go-style fractional duration", ["  scrapeInterval: 1.5m"], ["ipfs-infra:monitoring.scrapeInterval = 1.5m", "Prometheus duration"] },
        { "duration units out of order", ["  rules:", "    peerDownFor: 30s1m"], ["ipfs-infra:monitoring.rules.peerDownFor = 30s1m"] },
        { "labels as a list", ["  prometheusLabels: [release]"], ["ipfs-infra:monitoring.prometheusLabels = [\"release\"]", "must be a map of Kubernetes labels"] },
        { "label key with a space", ["  prometheusLabels:", "    'my release': x"], ["ipfs-infra:monitoring.prometheusLabels", "label key 'my release'"] },
        { "label value too long", ["  prometheusLabels:", $"    release: {new string('x', 64)}"], ["ipfs-infra:monitoring.prometheusLabels", "label value"] },
        { "label key prefix not a DNS subdomain", ["  prometheusLabels:", "    Example.COM/team: x"], ["ipfs-infra:monitoring.prometheusLabels", "prefix that is not a DNS subdomain"] },
        { "label that would change the pod selector", ["  prometheusLabels:", "    app.kubernetes.io/name: other"], ["ipfs-infra:monitoring.prometheusLabels", "must not set 'app.kubernetes.io/name'"] },
        { "dashboard without sidecar labels", ["  dashboard:", "    labels: {}"], ["ipfs-infra:monitoring.dashboard.labels = {}", "Grafana sidecar finds dashboards only by label"] },
        { "folder annotation not a key", ["  dashboard:", "    folderAnnotation: 'grafana folder'"], ["ipfs-infra:monitoring.dashboard.folderAnnotation = grafana folder"] },
        { "volume threshold of 100", ["  rules:", "    volumeFullPercent: 100"], ["ipfs-infra:monitoring.rules.volumeFullPercent = 100", "from 50 to 99"] },
        { "negative pin error threshold", ["  rules:", "    pinErrorThreshold: -1"], ["ipfs-infra:monitoring.rules.pinErrorThreshold = -1"] },
        { "restart threshold 0", ["  rules:", "    restartThreshold: 0"], ["ipfs-infra:monitoring.rules.restartThreshold = 0"] },
        { "queue window shorter than two scrapes", ["  scrapeInterval: 5m", "  rules:", "    queueGrowthWindow: 5m"],
            ["ipfs-infra:monitoring.rules.queueGrowthWindow = 5m", "at least twice monitoring.scrapeInterval (5m)"] },
        { "unknown monitoring key", ["  rule:", "    enabled: false"], ["ipfs-infra:monitoring.rule", "did you mean ipfs-infra:monitoring.rules?"] },
    };

    [Theory]
    [MemberData(nameof(BadMonitoring))]
    public void BadMonitoringConfig_IsRefusedNamingKeyAndValue(string because, string[] lines, string[] expected)
    {
        var error = Assert.Throws<ConfigValidationException>(() => Load(Stack(["ipfs-infra:profile: prod", "ipfs-infra:monitoring:", .. lines])));

        foreach (var text in expected)
            Assert.True(error.Message.Contains(text, StringComparison.Ordinal), $"{because}: expected \"{text}\" in:\n{error.Message}");
        Assert.Contains(FileName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMonitoringProblem_IsReportedAtOnce()
    {
        var error = Assert.Throws<ConfigValidationException>(() => Load(Stack(
            "ipfs-infra:profile: prod",
            "ipfs-infra:monitoring:",
            "  scrape: scrapeEverything",
            "  prometheusLabels:",
            "    app.kubernetes.io/instance: x",
            "  rules:",
            "    memoryPercent: 20",
            "  dashboard:",
            "    labels: {}")));

        Assert.Equal(4, error.Problems.Count);
    }

    [Fact]
    public void AQueueWindowTooShortForTheInterval_IsFineWhileMonitoringIsOff()
    {
        var spec = Load(Stack("ipfs-infra:profile: dev", "ipfs-infra:monitoring:", "  scrapeInterval: 5m", "  rules:", "    queueGrowthWindow: 5m"));

        Assert.False(spec.Monitoring.Enabled);
    }

    [Fact]
    public void SpecsBuiltInCode_AreCheckedToo()
    {
        var spec = TestSpecs.Prod with
        {
            Monitoring = TestSpecs.Prod.Monitoring with
            {
                PrometheusLabels = new Dictionary<string, string> { ["bad key"] = "x" },
                ScrapeInterval = "thirty seconds",
            },
        };

        var problems = ClusterSpecLoader.Validate(spec);

        Assert.Contains(problems, p => p.Key == "ipfs-infra:monitoring.prometheusLabels" && p.Message.Contains("label key 'bad key'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Key == "ipfs-infra:monitoring.scrapeInterval" && p.Value == "thirty seconds");
    }

    [Fact]
    public void ConfigReference_DocumentsEveryMonitoringKeyWithItsDefaults()
    {
        var reference = ConfigReference.Markdown();

        foreach (var field in ConfigSchema.Fields.Where(f => f.Path.StartsWith("monitoring.", StringComparison.Ordinal)))
            Assert.Contains($"`ipfs-infra:{field.Path}`", reference, StringComparison.Ordinal);
        Assert.Contains("| `ipfs-infra:monitoring.prometheusLabels` | map of Kubernetes labels (key: value) | `{release: kube-prometheus-stack}` | `{release: kube-prometheus-stack}` |", reference, StringComparison.Ordinal);
    }
}
