using System.Text.Json;
using Ipfs.Manifests.Builders.Monitoring;
using Ipfs.Manifests.Spec;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.Monitoring;

public sealed class DashboardBuilderTests
{
    public static TheoryData<string> Specs => MonitoringSpecs.All();

    private static JsonElement Dashboard(ClusterSpec spec)
    {
        var map = DashboardBuilder.Build(spec);
        return JsonDocument.Parse(Assert.Single(map.Data).Value).RootElement.Clone();
    }

    private static IEnumerable<JsonElement> Targets(JsonElement dashboard) =>
        dashboard.GetProperty("panels").EnumerateArray().SelectMany(p => p.GetProperty("targets").EnumerateArray());

    [Fact]
    public void ConfigMap_IsLabelledForTheGrafanaSidecar_InTheMonitoringNamespace_WithItsFolder()
    {
        var map = DashboardBuilder.Build(TestSpecs.Prod);

        Assert.Equal(("ipfs-ipfs-dashboard", "monitoring"), (map.Metadata.Name, map.Metadata.NamespaceProperty));
        Assert.Equal("1", map.Metadata.Labels["grafana_dashboard"]);
        Assert.Equal("IPFS", map.Metadata.Annotations["grafana_folder"]);
        Assert.Equal("ipfs-ipfs-dashboard.json", Assert.Single(map.Data).Key);
    }

    [Fact]
    public void SidecarLabelsAndFolder_ComeFromConfig()
    {
        var spec = TestSpecs.Prod with
        {
            Monitoring = TestSpecs.Prod.Monitoring with
            {
                Namespace = "grafana",
                Dashboard = new DashboardSpec { Labels = new SortedDictionary<string, string> { ["dashboards"] = "ipfs" }, Folder = "Storage / IPFS", FolderAnnotation = "k8s-sidecar-target-directory" },
            },
        };
        var map = DashboardBuilder.Build(spec);

        Assert.Equal("grafana", map.Metadata.NamespaceProperty);
        Assert.Equal("ipfs", map.Metadata.Labels["dashboards"]);
        Assert.False(map.Metadata.Labels.ContainsKey("grafana_dashboard"));
        Assert.Equal("Storage / IPFS", map.Metadata.Annotations["k8s-sidecar-target-directory"]);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Json_IsAValidDashboardModel(string name)
    {
        var spec = MonitoringSpecs.Get(name);
        var d = Dashboard(spec);

        Assert.Equal(DashboardBuilder.Uid(spec), d.GetProperty("uid").GetString());
        Assert.True(d.GetProperty("uid").GetString()!.Length <= 40);
        Assert.Contains(spec.Namespace, d.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("datasource", d.GetProperty("templating").GetProperty("list")[0].GetProperty("type").GetString());
        var ids = new HashSet<int>();
        foreach (var panel in d.GetProperty("panels").EnumerateArray())
        {
            Assert.True(ids.Add(panel.GetProperty("id").GetInt32()));
            var grid = panel.GetProperty("gridPos");
            Assert.InRange(grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32(), 1, 24);
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.NotEmpty(panel.GetProperty("targets").EnumerateArray());
        }
        Assert.All(Targets(d), t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString()));
            Assert.Equal("${datasource}", t.GetProperty("datasource").GetProperty("uid").GetString());
        });
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryQuery_NamesOnlyMetricsTheDeploymentExports_ScopedToThisCluster(string name)
    {
        var spec = MonitoringSpecs.Get(name);
        var targets = MetricTargets.For(spec);
        var exprs = Targets(Dashboard(spec)).Select(t => t.GetProperty("expr").GetString()!).ToList();

        Assert.Equal(DashboardBuilder.Queries(spec).Select(q => q.Expr), exprs);
        foreach (var expr in exprs)
        {
            var metrics = ExportedMetrics.MetricNames(expr);
            Assert.NotEmpty(metrics);
            Assert.All(metrics, m => Assert.True(ExportedMetrics.IsExported(m), $"dashboard query uses {m}, which nothing exports: {expr}"));
            foreach (var (metric, matchers) in ExportedMetrics.Selectors(expr))
            {
                Assert.Contains($"namespace=\"{spec.Namespace}\"", matchers, StringComparison.Ordinal);
                if (ExportedMetrics.IpfsCluster.Contains(metric)) Assert.Equal(targets.Cluster, matchers);
                if (ExportedMetrics.Kubo.Contains(metric)) Assert.Equal(targets.Kubo, matchers);
            }
        }
    }

    [Fact]
    public void Panels_ShowWhatTheIssueAsksFor()
    {
        var queries = DashboardBuilder.Queries(TestSpecs.Prod);
        bool Panel(string title, params string[] metrics) =>
            queries.Where(q => q.Panel == title).SelectMany(q => ExportedMetrics.MetricNames(q.Expr)).ToHashSet().IsSupersetOf(metrics);

        Assert.True(Panel("ipfs-cluster peers up", "up"));
        Assert.True(Panel("Ready pods", "kube_statefulset_status_replicas_ready"));
        Assert.True(Panel("Pins by state", "ipfscluster_pins", "ipfscluster_pins_pin_queued", "ipfscluster_pins_pinning", "ipfscluster_pins_pin_error"));
        Assert.True(Panel("Pin throughput", "ipfscluster_pins_pin_add", "ipfscluster_pins_pin_add_errors"));
        Assert.True(Panel("Free space (ipfs-cluster informer)", "ipfscluster_informer_disk"));
        Assert.True(Panel("Volume used", "kubelet_volume_stats_available_bytes", "kubelet_volume_stats_capacity_bytes"));
        Assert.True(Panel("Bitswap", "ipfs_bitswap_wantlist_total", "ipfs_bitswap_pending_tasks", "ipfs_bitswap_active_tasks"));
        Assert.True(Panel("Swarm peers", "ipfs_p2p_peers_total"));
        Assert.True(Panel("CPU per pod", "container_cpu_usage_seconds_total", "kube_pod_container_resource_limits"));
        Assert.True(Panel("Memory per pod", "container_memory_working_set_bytes", "kube_pod_container_resource_limits"));
    }

    [Fact]
    public void Json_IsDeterministic_AndTheUidDiffersPerCluster()
    {
        Assert.Equal(DashboardBuilder.Json(TestSpecs.Prod), DashboardBuilder.Json(TestSpecs.Prod));
        Assert.NotEqual(DashboardBuilder.Uid(TestSpecs.Prod), DashboardBuilder.Uid(TestSpecs.Prod with { Namespace = "other" }));
    }
}
