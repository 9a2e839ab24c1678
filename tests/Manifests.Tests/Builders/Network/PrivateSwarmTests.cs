using System.Text.Json.Nodes;
using System.Text.Json;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Spec;
using Ipfs.Manifests.Tests.Builders.NodeSet;
using k8s.Models;
using Xunit;
using static Ipfs.Manifests.Tests.Builders.Network.NetworkScenarios;

namespace Ipfs.Manifests.Tests.Builders.Network;

/// <summary>
/// Private mode end to end, under every exposure: the swarm key as a Secret mounted into kubo,
/// LIBP2P_FORCE_PNET, every kubo setting a private network needs (run for real under busybox sh),
/// nothing on UDP, and egress fenced.
/// </summary>
public class PrivateSwarmTests
{
    /// <summary>Starts pod <paramref name="ordinal"/>'s kubo under busybox sh; returns its repo config.</summary>
    private static JsonNode KuboConfigCalls(ClusterSpec spec, int ordinal = 0)
    {
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));
        harness.StartKubo(ordinal, ScriptHarness.SampleKuboConfig,
            ("HOST_IP", "35.1.2.3"), ("SWARM_NODE_PORT_BASE", "30401"), ("LIBP2P_FORCE_PNET", spec.Network.PrivateSwarm ? "1" : ""));
        return JsonNode.Parse(harness.RepoConfig(ordinal))!;
    }

    /// <summary>The compact JSON of a dotted key in the config ("null" for a JSON null; null when absent).</summary>
    private static string? Value(JsonNode config, string key)
    {
        var parts = key.Split('.');
        var parent = parts[..^1].Aggregate((JsonNode?)config, (node, part) => node?[part]) as JsonObject;
        return parent is not null && parent.TryGetPropertyValue(parts[^1], out var value) ? value?.ToJsonString() ?? "null" : null;
    }

    [Theory]
    [InlineData("private")]
    [InlineData("private-node-port")]
    [InlineData("private-load-balancer")]
    public void KuboIsConfiguredForAPrivateNetworkAtEveryStart(string scenario)
    {
        var calls = KuboConfigCalls(For(scenario));

        Assert.Equal("false", Value(calls, "AutoConf.Enabled"));
        Assert.Equal("false", Value(calls, "AutoTLS.Enabled"));
        Assert.Equal("[]", Value(calls, "Bootstrap"));
        Assert.Equal("[]", Value(calls, "Routing.DelegatedRouters"));
        Assert.Equal("[]", Value(calls, "Ipns.DelegatedPublishers"));
        foreach (var transport in new[] { "QUIC", "WebTransport", "WebRTCDirect" })
            Assert.Equal("false", Value(calls, $"Swarm.Transports.Network.{transport}"));
        Assert.DoesNotContain("/udp/", Value(calls, "Addresses.Swarm"));
        Assert.DoesNotContain("/udp/", Value(calls, "Addresses.AppendAnnounce"));
        Assert.NotEmpty(JsonDocument.Parse(Value(calls, "Peering.Peers")!).RootElement.EnumerateArray());
    }

    [Theory]
    [InlineData("prod-clients")]
    [InlineData("node-port")]
    public void APublicSwarmKeepsKubosPublicDefaults(string scenario)
    {
        var calls = KuboConfigCalls(For(scenario));

        foreach (var key in new[] { "AutoConf.Enabled", "AutoTLS.Enabled", "Swarm.Transports.Network.QUIC" })
            Assert.Equal("null", Value(calls, key)); // kubo's default
        Assert.Equal("[\"auto\"]", Value(calls, "Bootstrap"));
        Assert.Contains("/udp/4001/quic-v1", Value(calls, "Addresses.Swarm"));
    }

    [Theory]
    [InlineData("private")]
    [InlineData("private-load-balancer")]
    public void TheSwarmKeyComesFromItsSecretAndPrivateNetworkingIsForced(string scenario)
    {
        var spec = For(scenario);
        var objects = Objects(spec);
        var pod = objects.OfType<V1StatefulSet>().Single().Spec.Template.Spec;
        var kubo = pod.Containers.Single(c => c.Name == "kubo");
        var volume = pod.Volumes.Single(v => v.Secret?.SecretName == spec.Names.SwarmKey);

        var swarmKey = Assert.Single(objects.OfType<V1Secret>(), s => s.Metadata.Name == spec.Names.SwarmKey);
        Assert.Equal($"/key/swarm/psk/1.0.0/\n/base16/\n{TestSpecs.Material(spec).SwarmKeyHex}\n", swarmKey.StringData[Manifests.Builders.ClusterSecretsBuilder.SwarmKeyKey]);
        Assert.DoesNotContain(Objects(For("prod-clients")).OfType<V1Secret>(), s => s.Metadata.Name == spec.Names.SwarmKey);
        Assert.Contains(kubo.VolumeMounts, m => m.Name == volume.Name && m.ReadOnlyProperty == true);
        Assert.Equal("1", kubo.Env.Single(e => e.Name == "LIBP2P_FORCE_PNET").Value);
        Assert.DoesNotContain(kubo.Ports, p => p.Protocol == "UDP");
        Assert.DoesNotContain(objects.OfType<V1Service>().SelectMany(s => s.Spec.Ports), p => p.Protocol == "UDP");
    }
}
