using Ipfs.Manifests.Spec;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.Monitoring;

/// <summary>Specs the monitoring tests run against, by name (xunit theories take strings).</summary>
internal static class MonitoringSpecs
{
    public static readonly string[] Names = ["prod", "prod-serviceMonitor", "prod-annotations", "dev-enabled", "custom-thresholds"];

    public static ClusterSpec Get(string name) => name switch
    {
        "prod" => TestSpecs.Prod,
        "prod-serviceMonitor" => TestSpecs.Prod with { Monitoring = TestSpecs.Prod.Monitoring with { Scrape = ScrapeMode.ServiceMonitor } },
        "prod-annotations" => TestSpecs.Prod with { Monitoring = TestSpecs.Prod.Monitoring with { Scrape = ScrapeMode.Annotations } },
        "dev-enabled" => TestSpecs.Dev with { Monitoring = TestSpecs.Dev.Monitoring with { Enabled = true } },
        "custom-thresholds" => TestSpecs.Prod with
        {
            Namespace = "team-ipfs",
            Name = "store",
            Peers = 5,
            Replication = new ReplicationSpec(3, 4),
            Monitoring = TestSpecs.Prod.Monitoring with
            {
                Namespace = "observability",
                ScrapeInterval = "15s",
                Rules = new AlertRulesSpec
                {
                    PeerDownFor = "3m",
                    PinErrorThreshold = 3,
                    QueueGrowthWindow = "20m",
                    PinAddErrorThreshold = 40,
                    VolumeFullPercent = 70,
                    MemoryPercent = 80,
                    RestartThreshold = 5,
                    PinsetDivergenceThreshold = 7,
                    PinsetDivergenceWindow = "45m",
                },
            },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names) data.Add(name);
        return data;
    }
}
