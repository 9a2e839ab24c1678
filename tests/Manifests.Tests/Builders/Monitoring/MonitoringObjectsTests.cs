using Ipfs.Manifests.Crds;
using Ipfs.Manifests.Crds.Monitoring;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Serialization;
using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.Monitoring;

/// <summary>What the monitoring component renders, per profile and switch.</summary>
public sealed class MonitoringObjectsTests
{
    private static IReadOnlyList<RenderedFile> Render(ClusterSpec spec) =>
        ManifestRenderer.Render(ClusterManifest.Build(spec, TestSpecs.Material(spec)));

    private static List<string> Kinds(ClusterSpec spec) => ClusterManifest.MonitoringObjects(spec).Select(o => $"{o.Kind}/{o.Metadata.Name}").ToList();

    [Fact]
    public void Dev_RendersNoMonitoringByDefault()
    {
        Assert.Empty(ClusterManifest.MonitoringObjects(TestSpecs.Dev));
        Assert.DoesNotContain(Render(TestSpecs.Dev), f => f.RelativePath == "monitoring.yaml");
    }

    [Fact]
    public void Prod_RendersMonitoringYaml_WithPodMonitorsRuleAndDashboard()
    {
        Assert.Equal(["PodMonitor/ipfs-kubo", "PodMonitor/ipfs-cluster", "PrometheusRule/ipfs-alerts", "ConfigMap/ipfs-ipfs-dashboard"], Kinds(TestSpecs.Prod));
        var files = Render(TestSpecs.Prod).Select(f => f.RelativePath).ToList();
        Assert.Contains("monitoring.yaml", files);
        Assert.True(files.IndexOf("monitoring.yaml") > files.IndexOf("node-set.yaml"));
    }

    [Fact]
    public void DevWithMonitoringEnabled_RendersTheSameKinds()
    {
        var dev = TestSpecs.Dev with { Monitoring = TestSpecs.Dev.Monitoring with { Enabled = true } };

        Assert.Equal(["PodMonitor/ipfs-kubo", "PodMonitor/ipfs-cluster", "PrometheusRule/ipfs-alerts", "ConfigMap/ipfs-dev-ipfs-dashboard"], Kinds(dev));
    }

    [Theory]
    [InlineData(ScrapeMode.ServiceMonitor, true, true, new[] { "Service/ipfs-kubo-metrics", "Service/ipfs-cluster-metrics", "ServiceMonitor/ipfs-kubo", "ServiceMonitor/ipfs-cluster", "PrometheusRule/ipfs-alerts", "ConfigMap/ipfs-ipfs-dashboard" })]
    [InlineData(ScrapeMode.Annotations, true, false, new[] { "Service/ipfs-kubo-metrics", "Service/ipfs-cluster-metrics", "PrometheusRule/ipfs-alerts" })]
    [InlineData(ScrapeMode.Annotations, false, false, new[] { "Service/ipfs-kubo-metrics", "Service/ipfs-cluster-metrics" })]
    [InlineData(ScrapeMode.PodMonitor, false, true, new[] { "PodMonitor/ipfs-kubo", "PodMonitor/ipfs-cluster", "ConfigMap/ipfs-ipfs-dashboard" })]
    public void ScrapeModeAndSwitches_ChooseTheObjects(ScrapeMode mode, bool rules, bool dashboard, string[] expected)
    {
        var m = TestSpecs.Prod.Monitoring;
        var spec = TestSpecs.Prod with
        {
            Monitoring = m with { Scrape = mode, Rules = m.Rules with { Enabled = rules }, Dashboard = m.Dashboard with { Enabled = dashboard } },
        };

        Assert.Equal(expected, Kinds(spec));
    }

    [Fact]
    public void ManifestKinds_MapTheOperatorKindsForYamlLoading()
    {
        Assert.Equal(typeof(PodMonitor), ManifestKinds.Find("monitoring.coreos.com/v1", "PodMonitor"));
        Assert.Equal(typeof(ServiceMonitor), ManifestKinds.Find("monitoring.coreos.com/v1", "ServiceMonitor"));
        Assert.Equal(typeof(PrometheusRule), ManifestKinds.Find("monitoring.coreos.com/v1", "PrometheusRule"));
    }

    [Theory]
    [InlineData(ScrapeMode.PodMonitor)]
    [InlineData(ScrapeMode.ServiceMonitor)]
    [InlineData(ScrapeMode.Annotations)]
    public void MonitoringYaml_RoundTripsThroughTheTypedModelsUnchanged(ScrapeMode mode)
    {
        var spec = TestSpecs.Prod with { Monitoring = TestSpecs.Prod.Monitoring with { Scrape = mode } };
        var file = Render(spec).Single(f => f.RelativePath == "monitoring.yaml");

        var loaded = ManifestYaml.LoadAll(file.Content);
        var built = ClusterManifest.MonitoringObjects(spec);

        Assert.Equal(built.Select(o => o.GetType()), loaded.Select(o => o.GetType()));
        Assert.Equal(built.Select(o => ManifestJson.Serialize(o)), loaded.Select(o => ManifestJson.Serialize(o)));
        Assert.Equal(file.Content, ManifestRenderer.Documents(loaded));
    }

    [Fact]
    public void CrdObjects_SerialiseToTheOperatorsFieldNames()
    {
        var json = ManifestJson.Serialize(ClusterManifest.MonitoringObjects(TestSpecs.Prod)[0]);

        Assert.StartsWith("{\"apiVersion\":\"monitoring.coreos.com/v1\",\"kind\":\"PodMonitor\",\"metadata\":{", json, StringComparison.Ordinal);
        Assert.Contains("\"podMetricsEndpoints\":[{\"port\":\"api\",\"path\":\"/debug/metrics/prometheus\",\"scheme\":\"http\",\"interval\":\"30s\"}]", json, StringComparison.Ordinal);
    }
}
