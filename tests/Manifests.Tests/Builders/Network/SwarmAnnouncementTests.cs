using System.Text.Json.Nodes;
using System.Text.Json;
using Ipfs.Manifests.Builders.Network;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Spec;
using Ipfs.Manifests.Tests.Builders.NodeSet;
using k8s.Models;
using Xunit;
using static Ipfs.Manifests.Tests.Builders.Network.NetworkScenarios;

namespace Ipfs.Manifests.Tests.Builders.Network;

/// <summary>
/// kubo announces the public address matching its exposure (Addresses.AppendAnnounce), set by its
/// config script at every start: run for real under busybox sh.
/// </summary>
public class SwarmAnnouncementTests
{
    /// <summary>Runs kubo's config script as pod <paramref name="ordinal"/>; returns Addresses.AppendAnnounce as set, or the error.</summary>
    private static (List<string>? Announced, string Error) Announced(ClusterSpec spec, int ordinal, string? hostIp = null)
    {
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));
        var env = new List<(string, string)> { (SwarmAnnouncement.NodePortBaseVariable, spec.Network.NodePort.BasePort.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        if (hostIp is not null) env.Add((SwarmAnnouncement.HostIpVariable, hostIp));
        if (spec.Network.PrivateSwarm) env.Add(("LIBP2P_FORCE_PNET", "1"));

        var (exit, _, error, _) = harness.TryStartKubo(ordinal, ScriptHarness.SampleKuboConfig, [.. env]);
        if (exit != 0) return (null, error);
        var announced = JsonNode.Parse(harness.RepoConfig(ordinal))!["Addresses"]!["AppendAnnounce"]!.AsArray();
        return (announced.Select(e => e!.GetValue<string>()).ToList(), error);
    }

    private static V1Container Kubo(ClusterSpec spec) => StatefulSet(spec).Spec.Template.Spec.Containers.Single(c => c.Name == "kubo");

    [Theory]
    [InlineData("dev")]
    [InlineData("prod-clients")]
    [InlineData("private")]
    public void WithoutExposureNothingExtraIsAnnouncedAndStaleAnnouncementsAreCleared(string scenario) =>
        Assert.Equal([], Announced(For(scenario), 1).Announced);

    [Fact]
    public void NodePortAnnouncesThePodsNodeWithItsOwnNodePort()
    {
        var spec = For("node-port");

        Assert.Equal(["/ip4/35.1.2.3/tcp/30401", "/ip4/35.1.2.3/udp/30401/quic-v1"], Announced(spec, 0, "35.1.2.3").Announced);
        Assert.Equal(["/ip4/35.1.2.9/tcp/30403", "/ip4/35.1.2.9/udp/30403/quic-v1"], Announced(spec, 2, "35.1.2.9").Announced);
    }

    [Fact]
    public void NodePortOnAnIpv6NodeAnnouncesAnIp6Address() =>
        Assert.Equal(["/ip6/2600:1900::5/tcp/30402", "/ip6/2600:1900::5/udp/30402/quic-v1"], Announced(For("node-port"), 1, "2600:1900::5").Announced);

    [Fact]
    public void APrivateSwarmAnnouncesTcpOnly() =>
        Assert.Equal(["/ip4/35.1.2.3/tcp/30402"], Announced(For("private-node-port"), 1, "35.1.2.3").Announced);

    [Fact]
    public void NodePortWithoutTheNodeAddressFailsTheStartLoudly()
    {
        var (announced, error) = Announced(For("node-port"), 0);

        Assert.Null(announced);
        Assert.Contains("HOST_IP (status.hostIP) is not set", error);
    }

    [Fact]
    public void NodePortTakesTheNodeAddressFromTheDownwardApiOnlyWhenItAnnouncesIt()
    {
        var hostIp = Kubo(For("node-port")).Env.Single(e => e.Name == SwarmAnnouncement.HostIpVariable);
        Assert.Equal("status.hostIP", hostIp.ValueFrom.FieldRef.FieldPath);

        foreach (var scenario in new[] { "dev", "prod-clients", "node-port-addresses", "load-balancer" })
            Assert.DoesNotContain(Kubo(For(scenario)).Env, e => e.Name == SwarmAnnouncement.HostIpVariable);
    }

    [Fact]
    public void ConfiguredNodeAddressesAreAllAnnouncedWithThePodsNodePort()
    {
        var spec = For("node-port-addresses");

        Assert.Equal(
            ["/ip4/35.200.1.1/tcp/31002", "/ip4/35.200.1.1/udp/31002/quic-v1", "/ip4/35.200.1.2/tcp/31002", "/ip4/35.200.1.2/udp/31002/quic-v1"],
            Announced(spec, 2).Announced);
    }

    [Fact]
    public void LoadBalancerAnnouncesTheOrdinalsAddressOnTheSwarmPort()
    {
        var spec = For("load-balancer");

        Assert.Equal(["/ip4/34.120.0.10/tcp/4001", "/ip4/34.120.0.10/udp/4001/quic-v1"], Announced(spec, 0).Announced);
        Assert.Equal(["/ip6/2600:1900::12/tcp/4001", "/ip6/2600:1900::12/udp/4001/quic-v1"], Announced(spec, 2).Announced);
        Assert.Equal(["/ip4/34.120.0.11/tcp/4001"], Announced(For("private-load-balancer"), 1).Announced);
    }

    [Fact]
    public void LoadBalancerFailsTheStartOfAnOrdinalWithoutAnAddress()
    {
        var (announced, error) = Announced(For("load-balancer"), 3);

        Assert.Null(announced);
        Assert.Contains("no kubo identity for ordinal 3", error);
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(NetworkScenarios))]
    public void AnnouncedAddressesMatchTheExposedServices(string scenario)
    {
        var spec = For(scenario);
        var services = Objects(spec).OfType<V1Service>().Where(s => s.Spec.Type is "NodePort" or "LoadBalancer").ToList();

        for (var i = 0; i < spec.Peers; i++)
        {
            var addresses = SwarmAnnouncement.Addresses(spec, i, hostIp: "35.1.2.3");
            if (services.Count == 0)
            {
                Assert.Empty(addresses);
                continue;
            }
            foreach (var port in services[i].Spec.Ports)
            {
                var exposed = port.NodePort ?? port.Port;
                var transport = port.Protocol == "TCP" ? $"/tcp/{exposed}" : $"/udp/{exposed}/quic-v1";
                Assert.Contains(addresses, a => a.EndsWith(transport, StringComparison.Ordinal));
            }
            Assert.Equal(services[i].Spec.Ports.Count * Math.Max(1, spec.Network.NodePort.NodeAddresses.Count), addresses.Count);
        }
    }
}
