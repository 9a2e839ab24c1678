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
    private static List<string[]> KuboConfigCalls(ClusterSpec spec, int ordinal = 0)
    {
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));
        var repo = Path.GetDirectoryName(harness.RepoFile(ordinal, "config"))!;
        Directory.CreateDirectory(repo);
        File.WriteAllText(Path.Combine(repo, "config"), ScriptHarness.SampleKuboConfig);
        var log = Path.Combine(repo, "ipfs.log");
        File.WriteAllText(log, "");
        var (exit, _, error) = harness.Run(NodeScripts.KuboConfigScript, $"ipfs-{ordinal}", ("IPFS_PATH", repo), ("IPFS_LOG", log), ("HOST_IP", "35.1.2.3"));
        Assert.True(exit == 0, error);
        return File.ReadAllLines(log).Select(l => l.TrimEnd('\u001f').Split('\u001f')).ToList();
    }

    private static string? Value(List<string[]> calls, string key) => calls.SingleOrDefault(c => c.Contains(key))?[^1];

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
