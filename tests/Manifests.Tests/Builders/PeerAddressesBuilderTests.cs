using System.Text;
using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Identity;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Serialization;
using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders;

public class PeerAddressesBuilderTests
{
    private const int ConfigMapLimitBytes = 1024 * 1024;

    private static ClusterSpec Spec(int peers, bool trustAllPeers = false)
    {
        var spec = ClusterSpecDefaults.For(Profile.Dev);
        return spec with { Peers = peers, Cluster = spec.Cluster with { TrustAllPeers = trustAllPeers } };
    }

    /// <summary>Lines "ordinal peerID" of one ConfigMap key, with the address its kind's template gives them.</summary>
    private static List<(int Ordinal, string PeerId, string Address)> Lines(V1ConfigMap map, string key)
    {
        var text = map.Data[key];
        var template = map.Data[key == PeerAddressesBuilder.ClusterPeersKey ? PeerAddressesBuilder.ClusterAddressKey : PeerAddressesBuilder.KuboAddressKey];
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return text.TrimEnd('\n').Split('\n').Select(line =>
        {
            var parts = line.Split(' ');
            Assert.Equal(2, parts.Length);
            var ordinal = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            return (ordinal, parts[1], PeerAddressesBuilder.Expand(template, ordinal, parts[1]));
        }).ToList();
    }

    public static TheoryData<int> PeerCounts => new() { 3, 5, 50 };

    [Theory]
    [MemberData(nameof(PeerCounts))]
    public void EveryOrdinal_AppearsExactlyOnceInEachPeerList(int peers)
    {
        var map = PeerAddressesBuilder.Build(Spec(peers), ClusterIdentities.Placeholder(peers));

        Assert.Equal(Enumerable.Range(0, peers), Lines(map, PeerAddressesBuilder.ClusterPeersKey).Select(l => l.Ordinal));
        Assert.Equal(Enumerable.Range(0, peers), Lines(map, PeerAddressesBuilder.KuboPeersKey).Select(l => l.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PeerCounts))]
    public void ClusterPeers_AreStableDnsAddressesOnTheClusterSwarmPort(int peers)
    {
        var spec = Spec(peers);
        var ids = ClusterIdentities.Placeholder(peers);

        var lines = Lines(PeerAddressesBuilder.Build(spec, ids), PeerAddressesBuilder.ClusterPeersKey);

        foreach (var (ordinal, peerId, address) in lines)
        {
            Assert.Equal(ids.ClusterPeerIds[ordinal], peerId);
            Assert.Equal($"/dns/ipfs-{ordinal}.ipfs-peers.ipfs-dev.svc.cluster.local/tcp/9096/p2p/{peerId}", address);
        }
    }

    [Theory]
    [MemberData(nameof(PeerCounts))]
    public void KuboPeers_AreStableDnsAddressesOnTheKuboSwarmPort(int peers)
    {
        var spec = Spec(peers);
        var ids = ClusterIdentities.Placeholder(peers);

        var lines = Lines(PeerAddressesBuilder.Build(spec, ids), PeerAddressesBuilder.KuboPeersKey);

        foreach (var (ordinal, peerId, address) in lines)
        {
            Assert.Equal(ids.KuboPeerIds[ordinal], peerId);
            Assert.Equal($"/dns/ipfs-{ordinal}.ipfs-peers.ipfs-dev.svc.cluster.local/tcp/4001", address);
        }
    }

    [Fact]
    public void Addresses_FollowTheNameAndNamespace()
    {
        var spec = Spec(3) with { Name = "store", Namespace = "team-a" };
        var ids = ClusterIdentities.Placeholder(3);

        Assert.Equal($"/dns/store-2.store-peers.team-a.svc.cluster.local/tcp/9096/p2p/{ids.ClusterPeerIds[2]}",
            PeerAddressesBuilder.ClusterPeerAddress(spec, 2, ids.ClusterPeerIds[2]));
        Assert.Equal("/dns/store-2.store-peers.team-a.svc.cluster.local/tcp/4001", PeerAddressesBuilder.KuboPeerAddress(spec, 2));
    }

    [Theory]
    [MemberData(nameof(PeerCounts))]
    public void TrustedPeers_AreExactlyTheClusterPeersOfTheDirectory(int peers)
    {
        var ids = ClusterIdentities.Placeholder(peers);

        var map = PeerAddressesBuilder.Build(Spec(peers), ids);

        // Empty: the start script trusts exactly the IDs of the cluster-peers lines (no second list to grow).
        Assert.Equal("", map.Data[PeerAddressesBuilder.TrustedPeersKey]);
        Assert.Equal(ids.ClusterPeerIds, Lines(map, PeerAddressesBuilder.ClusterPeersKey).Select(l => l.PeerId));
    }

    [Theory]
    [MemberData(nameof(PeerCounts))]
    public void TrustAllPeers_TrustsEveryone(int peers)
    {
        var map = PeerAddressesBuilder.Build(Spec(peers, trustAllPeers: true), ClusterIdentities.Placeholder(peers));

        Assert.Equal("*", map.Data[PeerAddressesBuilder.TrustedPeersKey]);
    }

    [Fact]
    public void PeerIds_AreValidLibp2pPeerIds()
    {
        var map = PeerAddressesBuilder.Build(Spec(5), ClusterIdentities.Placeholder(5));

        var ids = Lines(map, PeerAddressesBuilder.ClusterPeersKey).Concat(Lines(map, PeerAddressesBuilder.KuboPeersKey)).Select(l => l.PeerId);
        Assert.All(ids, id => Assert.True(PeerIdentity.IsValidPeerId(id), id));
    }

    [Fact]
    public void ConfigMap_HasTheCanonicalNameNamespaceAndLabels()
    {
        var spec = Spec(3);

        var map = PeerAddressesBuilder.Build(spec, ClusterIdentities.Placeholder(3));

        Assert.Equal("v1", map.ApiVersion);
        Assert.Equal("ConfigMap", map.Kind);
        Assert.Equal("ipfs-peer-addresses", map.Metadata.Name);
        Assert.Equal("ipfs-dev", map.Metadata.NamespaceProperty);
        Assert.Equal("peer-directory", map.Metadata.Labels["app.kubernetes.io/component"]);
        Assert.Equal(
            [PeerAddressesBuilder.ClusterAddressKey, PeerAddressesBuilder.ClusterPeersKey, PeerAddressesBuilder.KuboAddressKey, PeerAddressesBuilder.KuboPeersKey, PeerAddressesBuilder.TrustedPeersKey],
            map.Data.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void IdentitiesForAnotherPeerCount_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => PeerAddressesBuilder.Build(Spec(5), ClusterIdentities.Placeholder(3)));
    }

    [Fact]
    public void ConfigMap_StaysUnder1MiBAt1000PeersWithTheLongestNames()
    {
        var spec = Spec(1000) with { Name = new string('n', 30), Namespace = new string('s', 63) };
        Assert.Empty(ClusterSpecLoader.Validate(spec));

        var map = PeerAddressesBuilder.Build(spec, ClusterIdentities.Placeholder(1000));

        var dataBytes = map.Data.Sum(kv => Encoding.UTF8.GetByteCount(kv.Key) + Encoding.UTF8.GetByteCount(kv.Value));
        var objectBytes = Encoding.UTF8.GetByteCount(ManifestJson.Serialize(map));
        Assert.True(dataBytes < ConfigMapLimitBytes, $"data holds {dataBytes} bytes");
        Assert.True(objectBytes < ConfigMapLimitBytes, $"the object serialises to {objectBytes} bytes");
        Assert.Equal(1000, Lines(map, PeerAddressesBuilder.ClusterPeersKey).Count);
    }
}
