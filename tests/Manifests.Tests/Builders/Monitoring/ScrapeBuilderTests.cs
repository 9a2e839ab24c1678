using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Builders.Monitoring;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Crds.Monitoring;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Spec;
using k8s.Models;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.Monitoring;

public sealed class ScrapeBuilderTests
{
    private static ClusterSpec Mode(ScrapeMode mode) =>
        TestSpecs.Prod with { Monitoring = TestSpecs.Prod.Monitoring with { Scrape = mode, PrometheusLabels = new SortedDictionary<string, string> { ["release"] = "prom", ["team"] = "storage" } } };

    private static V1StatefulSet StatefulSet(ClusterSpec spec) =>
        ClusterManifest.NodeSetObjects(spec, ClusterIdentities.Placeholder(spec.Peers), SecretsChecksum.Placeholder).OfType<V1StatefulSet>().Single();

    private static bool Selects(IDictionary<string, string> selector, IDictionary<string, string> labels) =>
        selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>The container that declares the named port, and the port number.</summary>
    private static (string Container, int Port) NamedPort(V1StatefulSet sts, string name)
    {
        var matches = sts.Spec.Template.Spec.Containers.SelectMany(c => (c.Ports ?? []).Where(p => p.Name == name).Select(p => (c.Name, p.ContainerPort))).ToList();
        return Assert.Single(matches);
    }

    [Fact]
    public void PodMonitors_SelectTheNodeSetPods_OnKubosApiPortAndTheClustersMetricsPort()
    {
        var spec = Mode(ScrapeMode.PodMonitor);
        var sts = StatefulSet(spec);
        var monitors = ScrapeBuilder.Build(spec).Cast<PodMonitor>().ToList();

        Assert.Equal(["ipfs-kubo", "ipfs-cluster"], monitors.Select(m => m.Metadata.Name));
        foreach (var monitor in monitors)
        {
            Assert.Equal("ipfs", monitor.Metadata.NamespaceProperty);
            Assert.True(Selects(monitor.Spec.Selector.MatchLabels, sts.Spec.Template.Metadata.Labels));
            Assert.Equal(sts.Spec.Selector.MatchLabels, monitor.Spec.Selector.MatchLabels);
            Assert.Equal(("prom", "storage"), (monitor.Metadata.Labels["release"], monitor.Metadata.Labels["team"]));
        }

        var kubo = Assert.Single(monitors[0].Spec.PodMetricsEndpoints);
        Assert.Equal(("api", "/debug/metrics/prometheus", "http", "30s"), (kubo.Port, kubo.Path, kubo.Scheme, kubo.Interval));
        Assert.Equal(("kubo", 5001), NamedPort(sts, kubo.Port!));

        var cluster = Assert.Single(monitors[1].Spec.PodMetricsEndpoints);
        Assert.Equal(("metrics", "/metrics", "http", "30s"), (cluster.Port, cluster.Path, cluster.Scheme, cluster.Interval));
        Assert.Equal(("cluster", 8888), NamedPort(sts, cluster.Port!));
    }

    [Fact]
    public void TheClusterContainer_ServesStatsOnAllInterfacesOfPort8888()
    {
        var env = StatefulSet(TestSpecs.Prod).Spec.Template.Spec.Containers.Single(c => c.Name == "cluster").Env.ToDictionary(e => e.Name, e => e.Value);

        Assert.Equal("true", env["CLUSTER_METRICS_ENABLESTATS"]);
        Assert.Equal("/ip4/0.0.0.0/tcp/8888", env["CLUSTER_METRICS_PROMETHEUSENDPOINT"]);
    }

    [Fact]
    public void ServiceMonitors_ScrapeHeadlessMetricsServicesOverTheNodeSetPods()
    {
        var spec = Mode(ScrapeMode.ServiceMonitor);
        var sts = StatefulSet(spec);
        var objects = ScrapeBuilder.Build(spec);
        var services = objects.OfType<V1Service>().ToList();
        var monitors = objects.OfType<ServiceMonitor>().ToList();
        var peerServices = ClusterManifest.NodeSetObjects(spec, ClusterIdentities.Placeholder(spec.Peers), SecretsChecksum.Placeholder).OfType<V1Service>().ToList();

        Assert.Equal(["ipfs-kubo-metrics", "ipfs-cluster-metrics"], services.Select(s => s.Metadata.Name));
        Assert.Equal(["ipfs-kubo", "ipfs-cluster"], monitors.Select(m => m.Metadata.Name));
        Assert.All(services, s =>
        {
            Assert.Equal("None", s.Spec.ClusterIP);
            Assert.True(s.Spec.PublishNotReadyAddresses);
            Assert.Equal(sts.Spec.Selector.MatchLabels, s.Spec.Selector);
            Assert.Null(s.Metadata.Annotations);
        });
        Assert.Equal(("metrics", 5001, "api"), (services[0].Spec.Ports.Single().Name, services[0].Spec.Ports.Single().Port, services[0].Spec.Ports.Single().TargetPort.Value));
        Assert.Equal(("metrics", 8888, "metrics"), (services[1].Spec.Ports.Single().Name, services[1].Spec.Ports.Single().Port, services[1].Spec.Ports.Single().TargetPort.Value));

        for (var i = 0; i < 2; i++)
        {
            // Each ServiceMonitor selects exactly its own Service (not the other, not the peer Service).
            var selected = services.Concat(peerServices).Where(s => Selects(monitors[i].Spec.Selector.MatchLabels, s.Metadata.Labels)).ToList();
            Assert.Equal(services[i], Assert.Single(selected));
            var endpoint = Assert.Single(monitors[i].Spec.Endpoints);
            Assert.Equal("metrics", endpoint.Port);
            Assert.Equal(i == 0 ? "/debug/metrics/prometheus" : "/metrics", endpoint.Path);
            Assert.Equal("prom", monitors[i].Metadata.Labels["release"]);
        }
    }

    [Fact]
    public void Annotations_MarkTheMetricsServicesForAPrometheusWithoutTheOperator()
    {
        var spec = Mode(ScrapeMode.Annotations);
        var objects = ScrapeBuilder.Build(spec);

        var services = Assert.IsAssignableFrom<IEnumerable<V1Service>>(objects.Cast<V1Service>()).ToList();
        Assert.Equal(2, services.Count);
        Assert.Equal(new Dictionary<string, string> { ["prometheus.io/path"] = "/debug/metrics/prometheus", ["prometheus.io/port"] = "5001", ["prometheus.io/scheme"] = "http", ["prometheus.io/scrape"] = "true" },
            services[0].Metadata.Annotations);
        Assert.Equal(new Dictionary<string, string> { ["prometheus.io/path"] = "/metrics", ["prometheus.io/port"] = "8888", ["prometheus.io/scheme"] = "http", ["prometheus.io/scrape"] = "true" },
            services[1].Metadata.Annotations);
        Assert.DoesNotContain(objects, o => o.ApiVersion.StartsWith("monitoring.coreos.com", StringComparison.Ordinal));
    }

    [Fact]
    public void MetricsServices_NeverExposeAnythingOutsideTheCluster()
    {
        foreach (var mode in new[] { ScrapeMode.ServiceMonitor, ScrapeMode.Annotations })
            Assert.All(ScrapeBuilder.Build(Mode(mode)).OfType<V1Service>(), s =>
            {
                Assert.Equal("None", s.Spec.ClusterIP);
                Assert.Null(s.Spec.Type);
                Assert.Null(s.Spec.ExternalIPs);
            });
    }
}
