using System.Text.Json.Nodes;
using Ipfs.Components;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Serialization;
using Ipfs.Manifests.Spec;
using k8s;
using Pulumi;
using Xunit;

namespace Ipfs.Infra.Tests;

/// <summary>The ClusterMonitoring component under the mocked engine: what it registers, per profile and scrape mode.</summary>
public class MonitoringTests
{
    private static List<RecordingMocks.Registration> Monitoring(RecordingMocks mocks) =>
        mocks.Registrations.Where(r => r.Type.StartsWith("kubernetes:monitoring.coreos.com/", StringComparison.Ordinal)
            || (r.Type == "kubernetes:core/v1:ConfigMap" && r.Name.EndsWith("-dashboard", StringComparison.Ordinal))
            || (r.Type == "kubernetes:core/v1:Service" && r.Name.EndsWith("-metrics", StringComparison.Ordinal))).ToList();

    [Fact]
    public async Task ProdStack_RegistersPodMonitorsRuleAndDashboard_UnderTheOperatorsTypeTokens()
    {
        var mocks = new RecordingMocks();
        await StackRun.Run(StackRun.StackFile("prod"), mocks);

        Assert.Equal(
            [
                ("kubernetes:monitoring.coreos.com/v1:PrometheusRule", "ipfs/ipfs-alerts"),
                ("kubernetes:monitoring.coreos.com/v1:PodMonitor", "ipfs/ipfs-cluster"),
                ("kubernetes:monitoring.coreos.com/v1:PodMonitor", "ipfs/ipfs-kubo"),
                ("kubernetes:core/v1:ConfigMap", "monitoring/ipfs-ipfs-dashboard"),
            ],
            Monitoring(mocks).Select(r => (r.Type, r.Name)).OrderBy(x => x.Name, StringComparer.Ordinal).ToList());
        var component = Assert.Single(mocks.OfType("ipfs:index:ClusterMonitoring"));
        Assert.Equal(true, component.Inputs["enabled"]);
        Assert.Equal("podMonitor", component.Inputs["scrape"]);
        Assert.Equal("monitoring", component.Inputs["monitoringNamespace"]);
    }

    [Fact]
    public async Task DevStack_HasTheComponentButNoMonitoringObjects()
    {
        var mocks = new RecordingMocks();
        await StackRun.Run(StackRun.StackFile("dev"), mocks);

        Assert.Empty(Monitoring(mocks));
        var component = Assert.Single(mocks.OfType("ipfs:index:ClusterMonitoring"));
        Assert.Equal(false, component.Inputs["enabled"]);
    }

    [Theory]
    [InlineData(ScrapeMode.PodMonitor)]
    [InlineData(ScrapeMode.ServiceMonitor)]
    [InlineData(ScrapeMode.Annotations)]
    public async Task RegisteredObjects_AreExactlyWhatManifestsBuilds(ScrapeMode mode)
    {
        var prod = StackRun.StackFile("prod");
        var spec = prod with { Monitoring = prod.Monitoring with { Scrape = mode } };
        var mocks = new RecordingMocks();
        ClusterMonitoring? monitoring = null;
        await Deployment.TestAsync(mocks, StackRun.Options(), () =>
        {
            monitoring = new ClusterMonitoring("monitoring", new ClusterMonitoringArgs { Spec = spec });
        });

        var expected = ClusterManifest.MonitoringObjects(spec);
        Assert.Equal(expected.Count, monitoring!.Objects.Count);
        var registered = mocks.Registrations.Where(r => r.Type.StartsWith("kubernetes:", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected.Select(o => (ManifestObject.TypeToken(o), ManifestObject.LogicalName(o))), registered.Select(r => (r.Type, r.Name)));
        for (var i = 0; i < expected.Count; i++)
        {
            var built = JsonNode.Parse(ManifestJson.Serialize(expected[i]))!;
            Assert.True(JsonNode.DeepEquals(built, StackRun.ToJson(registered[i].Inputs)), $"{registered[i].Name} differs from what Manifests builds");
        }
    }

    [Fact]
    public async Task MonitoringOff_RegistersNothingButTheComponent()
    {
        var prod = StackRun.StackFile("prod");
        var spec = prod with { Monitoring = prod.Monitoring with { Enabled = false } };
        var mocks = new RecordingMocks();
        await Deployment.TestAsync(mocks, StackRun.Options(), () => new ClusterMonitoring("monitoring", new ClusterMonitoringArgs { Spec = spec }));

        Assert.Equal(["ipfs:index:ClusterMonitoring"], mocks.Registrations.Select(r => r.Type));
    }

    [Fact]
    public async Task FirstPreview_ShowsEveryMonitoringObjectWithItsFullSpec()
    {
        var preview = new RecordingMocks { ResolveRandomValues = false };
        await StackRun.Run(StackRun.StackFile("prod"), preview, preview: true);

        var rule = Assert.Single(Monitoring(preview), r => r.Type == "kubernetes:monitoring.coreos.com/v1:PrometheusRule");
        var alerts = StackRun.ToJson(rule.Inputs)["spec"]!["groups"]![0]!["rules"]!.AsArray().Select(a => (string)a!["alert"]!).ToList();
        Assert.Contains("IpfsClusterPeerDown", alerts);
        Assert.Contains("IpfsVolumeAlmostFull", alerts);
    }
}
