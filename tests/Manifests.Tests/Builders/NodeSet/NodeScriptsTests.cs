using System.Text.Json;
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
            var addresses = env["CLUSTER_PEERADDRESSES"].Split(',');
            var ordinals = addresses.Select(a => int.Parse(a.Split('/')[2].Split('.')[0]["ipfs-".Length..])).ToList();
            Assert.Equal(Enumerable.Range(0, peers).Where(i => i != ordinal), ordinals.Order());
            Assert.All(addresses, a => Assert.Matches(@"^/dns/ipfs-\d+\.ipfs-peers\.ipfs-dev\.svc\.cluster\.local/tcp/9096/p2p/12D3KooW\w+$", a));
            Assert.All(addresses, a => Assert.EndsWith("/p2p/" + material.ClusterPeers[int.Parse(a.Split('/')[2].Split('.')[0]["ipfs-".Length..])].PeerId, a));
            Assert.Equal(material.ClusterPeers[ordinal].PeerId, env["CLUSTER_ID"]);
            Assert.Equal(material.ClusterPeers[ordinal].PrivateKeyBase64, env["CLUSTER_PRIVATEKEY"]);
            Assert.Equal(string.Join(',', material.ClusterPeers.Select(p => p.PeerId)), env["CLUSTER_CRDT_TRUSTEDPEERS"]);
        }
    }

    [Fact]
    public void TrustAllPeersTrustsEveryone()
    {
        var spec = TestSpecs.Dev with { Cluster = TestSpecs.Dev.Cluster with { TrustAllPeers = true } };
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));
        Assert.Equal("*", harness.StartCluster(1)["CLUSTER_CRDT_TRUSTEDPEERS"]);
    }

    [Fact]
    public void RestartingPodZeroRejoinsWithTheSameIdentityAndPeers()
    {
        var spec = TestSpecs.Dev;
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));
        Assert.Equal(harness.StartCluster(0), harness.StartCluster(0));
    }

    [Fact]
    public void AStartWithoutAnOrdinalFailsLoudly()
    {
        var spec = TestSpecs.Dev;
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));
        var (exit, _, error) = harness.Run(NodeScripts.ClusterStartScript, "not-a-pod");
        Assert.NotEqual(0, exit);
        Assert.Contains("cannot read an ordinal", error);
        var (exit2, _, error2) = harness.Run(NodeScripts.ClusterStartScript, "ipfs-7");
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
            var calls = harness.RunKuboScript(NodeScripts.KuboConfigScript, ordinal);
            var peering = calls.Single(c => c.Length == 4 && c[2] == "Peering.Peers")[3];
            var entries = JsonDocument.Parse(peering).RootElement.EnumerateArray().ToList();
            var ids = entries.Select(e => e.GetProperty("ID").GetString()).ToList();
            Assert.Equal(material.KuboPeers.Where((_, i) => i != ordinal).Select(p => p.PeerId).Order(), ids.Order());
            Assert.All(entries, e => Assert.Matches(@"^/dns/ipfs-\d+\.ipfs-peers\.ipfs-dev\.svc\.cluster\.local/tcp/4001$", e.GetProperty("Addrs")[0].GetString()!));
        }
    }

    [Fact]
    public void KuboIdentityScriptWritesThisOrdinalsIdentityIntoTheRepo()
    {
        var spec = TestSpecs.Dev;
        var material = TestSpecs.Material(spec);
        using var harness = new ScriptHarness(spec, material);

        harness.RunKuboScript(NodeScripts.KuboIdentityScript, 2);
        harness.RunKuboScript(NodeScripts.KuboIdentityScript, 2, harness.RepoConfig(2)); // a restart
        var identity = JsonDocument.Parse(harness.RepoConfig(2)).RootElement.GetProperty("Identity");
        Assert.Equal(material.KuboPeers[2].PeerId, identity.GetProperty("PeerID").GetString());
        Assert.Equal(material.KuboPeers[2].PrivateKeyBase64, identity.GetProperty("PrivKey").GetString());
    }

    [Fact]
    public void KuboConfigBindsApisSizesStorageAndKeepsClusterRangesReachable()
    {
        var spec = TestSpecs.Prod;
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));
        var calls = harness.RunKuboScript(NodeScripts.KuboConfigScript, 0);
        string Value(string key) => calls.Single(c => c.Contains(key))[^1];

        Assert.Equal("/ip4/0.0.0.0/tcp/5001", Value("Addresses.API"));
        Assert.Equal("/ip4/0.0.0.0/tcp/8080", Value("Addresses.Gateway"));
        Assert.Equal("81920MiB", Value("Datastore.StorageMax")); // 80% of 100Gi
        Assert.Equal("4096MiB", Value("Swarm.ResourceMgr.MaxMemory")); // half of the 8Gi limit, below GOMEMLIMIT
        var connMgr = JsonDocument.Parse(Value("Swarm.ConnMgr")).RootElement;
        Assert.Equal(1024, connMgr.GetProperty("HighWater").GetInt32());
        foreach (var key in new[] { "Swarm.AddrFilters", "Addresses.NoAnnounce" })
        {
            var filters = JsonDocument.Parse(Value(key)).RootElement.EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.DoesNotContain("/ip4/10.0.0.0/ipcidr/8", filters);
            Assert.DoesNotContain("/ip4/172.16.0.0/ipcidr/12", filters);
            Assert.DoesNotContain("/ip4/192.168.0.0/ipcidr/16", filters);
            Assert.DoesNotContain("/ip6/fc00::/ipcidr/7", filters);
            Assert.Contains("/ip4/169.254.0.0/ipcidr/16", filters);
        }
        Assert.Equal("false", Value("Discovery.MDNS.Enabled"));
    }

    [Fact]
    public void SwitchingBackToAPublicSwarmRemovesTheSwarmKeyAndRestoresKuboDefaults()
    {
        var spec = TestSpecs.Dev;
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));
        var leftover = harness.RepoFile(0, "swarm.key");
        Directory.CreateDirectory(Path.GetDirectoryName(leftover)!);
        File.WriteAllText(leftover, "/key/swarm/psk/1.0.0/\n/base16/\n" + new string('c', 64) + "\n");

        var calls = harness.RunKuboScript(NodeScripts.KuboConfigScript, 0);
        string Value(string key) => calls.Single(c => c.Contains(key))[^1];

        Assert.False(File.Exists(leftover));
        Assert.Equal("[\"auto\"]", Value("Bootstrap"));
        Assert.Equal("{\".\":\"auto\"}", Value("DNS.Resolvers"));
        Assert.Equal("[\"auto\"]", Value("Routing.DelegatedRouters"));
        Assert.Equal("null", Value("AutoConf.Enabled"));
        Assert.Equal("null", Value("Swarm.Transports.Network.QUIC"));
    }

    [Fact]
    public void PrivateSwarmTurnsOffEverythingPublicAndInstallsTheSwarmKeyAtEveryStart()
    {
        var spec = TestSpecs.Dev with { Network = TestSpecs.Dev.Network with { PrivateSwarm = true } };
        var material = TestSpecs.Material(spec);
        using var harness = new ScriptHarness(spec, material);
        var calls = harness.RunKuboScript(NodeScripts.KuboConfigScript, 1);
        string Value(string key) => calls.Single(c => c.Contains(key))[^1];

        Assert.Equal("false", Value("AutoConf.Enabled"));
        Assert.Equal("[]", Value("Bootstrap"));
        Assert.Equal("[]", Value("Routing.DelegatedRouters"));
        Assert.Equal("false", Value("Swarm.Transports.Network.QUIC"));
        Assert.Equal("false", Value("Swarm.Transports.Network.WebTransport"));
        Assert.Equal("false", Value("Swarm.Transports.Network.WebRTCDirect"));
        Assert.DoesNotContain("udp", Value("Addresses.Swarm"));
        Assert.Equal($"/key/swarm/psk/1.0.0/\n/base16/\n{material.SwarmKeyHex}\n", File.ReadAllText(harness.RepoFile(1, "swarm.key")));
    }
}
