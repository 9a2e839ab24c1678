using System.Text.Json;
using System.Text.Json.Nodes;
using Ipfs.Manifests.Builders.NodeSet;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.NodeSet;

/// <summary>The scripts that turn pod N into peer N, run for real under busybox sh.</summary>
public class NodeScriptsTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(50)]
    public void EachClusterPeerListsEveryOtherPeerExactlyOnceAndNeverItself(int peers)
    {
        var spec = TestSpecs.Dev with { Peers = peers };
        var material = TestSpecs.Material(spec);
        using var harness = new ScriptHarness(spec, material);

        for (var ordinal = 0; ordinal < peers; ordinal++)
        {
            var env = harness.StartCluster(ordinal);
            var service = harness.ServiceJson(ordinal);
            var addresses = service["cluster"]!["peer_addresses"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
            int OrdinalOf(string a) => int.Parse(a.Split('/')[2].Split('.')[0]["ipfs-".Length..]);
            Assert.Equal(Enumerable.Range(0, peers).Where(i => i != ordinal), addresses.Select(OrdinalOf).Order());
            Assert.All(addresses, a => Assert.Matches(@"^/dns/ipfs-\d+\.ipfs-peers\.ipfs-dev\.svc\.cluster\.local/tcp/9096/p2p/12D3KooW\w+$", a));
            Assert.All(addresses, a => Assert.EndsWith("/tcp/9096/p2p/" + material.ClusterPeers[OrdinalOf(a)].PeerId, a));
            Assert.Equal(material.ClusterPeers[ordinal].PeerId, env["CLUSTER_ID"]);
            Assert.Equal(material.ClusterPeers[ordinal].PrivateKeyBase64, env["CLUSTER_PRIVATEKEY"]);
            Assert.Equal(material.ClusterPeers.Select(p => p.PeerId), service["consensus"]!["crdt"]!["trusted_peers"]!.AsArray().Select(p => p!.GetValue<string>()));
            Assert.False(env.ContainsKey("CLUSTER_PEERADDRESSES"));
            Assert.False(env.ContainsKey("CLUSTER_CRDT_TRUSTEDPEERS"));
            Assert.Equal("s3cr3t", service["cluster"]!["secret"]!.GetValue<string>()); // every other key kept
        }
    }

    [Fact]
    public void TrustAllPeersTrustsEveryone()
    {
        var spec = TestSpecs.Dev with { Cluster = TestSpecs.Dev.Cluster with { TrustAllPeers = true } };
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));
        harness.StartCluster(1);
        Assert.Equal("[\"*\"]", harness.ServiceJson(1)["consensus"]!["crdt"]!["trusted_peers"]!.ToJsonString());
    }

    [Fact]
    public void RestartingPodZeroRejoinsWithTheSameIdentityAndPeers()
    {
        var spec = TestSpecs.Dev;
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));
        var first = harness.StartCluster(0);
        var service = harness.ServiceJson(0).ToJsonString();
        Assert.Equal(first, harness.StartCluster(0));
        Assert.Equal(service, harness.ServiceJson(0).ToJsonString());
    }

    [Fact]
    public void AStartWithoutAnOrdinalFailsLoudly()
    {
        var spec = TestSpecs.Dev;
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));
        var (exit, _, error) = harness.Run(NodeScripts.ClusterStartScript, "not-a-pod", harness.ClusterEnvironment(0));
        Assert.NotEqual(0, exit);
        Assert.Contains("cannot read an ordinal", error);
        var (exit2, _, error2) = harness.Run(NodeScripts.ClusterStartScript, "ipfs-7", harness.ClusterEnvironment(7));
        Assert.NotEqual(0, exit2);
        Assert.Contains("no cluster identity for ordinal 7", error2);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(50)]
    public void KuboPeersWithEveryOtherNodeByIdentity(int peers)
    {
        var spec = TestSpecs.Dev with { Peers = peers };
        var material = TestSpecs.Material(spec);
        using var harness = new ScriptHarness(spec, material);

        foreach (var ordinal in new[] { 0, peers - 1 })
        {
            harness.StartKubo(ordinal);
            var entries = KuboConfig(harness, ordinal)["Peering"]!["Peers"]!.AsArray();
            var ids = entries.Select(e => e!["ID"]!.GetValue<string>()).ToList();
            Assert.Equal(material.KuboPeers.Where((_, i) => i != ordinal).Select(p => p.PeerId).Order(), ids.Order());
            Assert.All(entries, e => Assert.Matches(@"^/dns/ipfs-\d+\.ipfs-peers\.ipfs-dev\.svc\.cluster\.local/tcp/4001$", e!["Addrs"]![0]!.GetValue<string>()));
        }
    }

    [Fact]
    public void KuboStartWritesThisOrdinalsIdentityIntoTheRepo()
    {
        var spec = TestSpecs.Dev;
        var material = TestSpecs.Material(spec);
        using var harness = new ScriptHarness(spec, material);

        harness.StartKubo(2);
        harness.StartKubo(2, harness.RepoConfig(2)); // a restart
        var identity = KuboConfig(harness, 2)["Identity"]!;
        Assert.Equal(material.KuboPeers[2].PeerId, identity["PeerID"]!.GetValue<string>());
        Assert.Equal(material.KuboPeers[2].PrivateKeyBase64, identity["PrivKey"]!.GetValue<string>());
    }

    [Fact]
    public void KuboConfigBindsApisSizesStorageAndKeepsClusterRangesReachable()
    {
        var spec = TestSpecs.Prod;
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));
        harness.StartKubo(0);
        var config = KuboConfig(harness, 0);

        Assert.Equal("/ip4/0.0.0.0/tcp/5001", config["Addresses"]!["API"]!.GetValue<string>());
        Assert.Equal("/ip4/0.0.0.0/tcp/8080", config["Addresses"]!["Gateway"]!.GetValue<string>());
        Assert.Equal("81920MiB", config["Datastore"]!["StorageMax"]!.GetValue<string>()); // 80% of 100Gi
        Assert.Equal("4096MiB", config["Swarm"]!["ResourceMgr"]!["MaxMemory"]!.GetValue<string>()); // half of the 8Gi limit, below GOMEMLIMIT
        Assert.Equal(1024, config["Swarm"]!["ConnMgr"]!["HighWater"]!.GetValue<int>());
        foreach (var filters in new[] { config["Swarm"]!["AddrFilters"]!, config["Addresses"]!["NoAnnounce"]! })
        {
            var list = filters.AsArray().Select(e => e!.GetValue<string>()).ToList();
            Assert.DoesNotContain("/ip4/10.0.0.0/ipcidr/8", list);
            Assert.DoesNotContain("/ip4/172.16.0.0/ipcidr/12", list);
            Assert.DoesNotContain("/ip4/192.168.0.0/ipcidr/16", list);
            Assert.DoesNotContain("/ip6/fc00::/ipcidr/7", list);
            Assert.Contains("/ip4/169.254.0.0/ipcidr/16", list);
        }
        Assert.False(config["Discovery"]!["MDNS"]!["Enabled"]!.GetValue<bool>());
    }

    [Fact]
    public void SwitchingBackToAPublicSwarmRemovesTheSwarmKeyAndRestoresKuboDefaults()
    {
        var privateSpec = TestSpecs.Dev with { Network = TestSpecs.Dev.Network with { PrivateSwarm = true } };
        string privateConfig;
        using (var before = new ScriptHarness(privateSpec, TestSpecs.Material(privateSpec)))
        {
            before.StartKubo(0, env: ("LIBP2P_FORCE_PNET", "1"));
            privateConfig = before.RepoConfig(0);
        }
        var spec = TestSpecs.Dev;
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));
        var leftover = harness.RepoFile(0, "swarm.key");
        Directory.CreateDirectory(Path.GetDirectoryName(leftover)!);
        File.WriteAllText(leftover, "/key/swarm/psk/1.0.0/\n/base16/\n" + new string('c', 64) + "\n");

        harness.StartKubo(0, privateConfig);
        var config = KuboConfig(harness, 0);

        Assert.False(File.Exists(leftover));
        Assert.Equal("[\"auto\"]", config["Bootstrap"]!.ToJsonString());
        Assert.Equal("{\".\":\"auto\"}", config["DNS"]!["Resolvers"]!.ToJsonString());
        Assert.Equal("[\"auto\"]", config["Routing"]!["DelegatedRouters"]!.ToJsonString());
        Assert.Null(config["AutoConf"]!["Enabled"]);
        Assert.Null(config["Routing"]!["Type"]);
        foreach (var transport in new[] { "QUIC", "WebTransport", "WebRTCDirect", "Websocket" })
            Assert.Null(config["Swarm"]!["Transports"]!["Network"]![transport]);
    }

    [Fact]
    public void PrivateSwarmTurnsOffEverythingPublicAndInstallsTheSwarmKeyAtEveryStart()
    {
        var spec = TestSpecs.Dev with { Network = TestSpecs.Dev.Network with { PrivateSwarm = true } };
        var material = TestSpecs.Material(spec);
        using var harness = new ScriptHarness(spec, material);
        harness.StartKubo(1, env: ("LIBP2P_FORCE_PNET", "1"));
        var config = KuboConfig(harness, 1);

        Assert.False(config["AutoConf"]!["Enabled"]!.GetValue<bool>());
        Assert.Equal("[]", config["Bootstrap"]!.ToJsonString());
        Assert.Equal("[]", config["Routing"]!["DelegatedRouters"]!.ToJsonString());
        Assert.Equal("dht", config["Routing"]!["Type"]!.GetValue<string>());
        Assert.DoesNotContain("udp", config["Addresses"]!["Swarm"]!.ToJsonString());
        Assert.Equal($"/key/swarm/psk/1.0.0/\n/base16/\n{material.SwarmKeyHex}\n", File.ReadAllText(harness.RepoFile(1, "swarm.key")));
    }

    private static JsonNode KuboConfig(ScriptHarness harness, int ordinal) => JsonNode.Parse(harness.RepoConfig(ordinal))!;
}
