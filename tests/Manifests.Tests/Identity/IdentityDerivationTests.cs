using System.Security.Cryptography;
using System.Text;
using Ipfs.Manifests.Identity;
using Xunit;

namespace Ipfs.Manifests.Tests.Identity;

/// <summary>
/// Pins the derivation of peer identities from the cluster's identity seed. Changing any expected
/// value here means every deployed cluster's peers would get new identities on the next run.
/// </summary>
public class IdentityDerivationTests
{
    // The identity seed 00 01 02 … 1f.
    private static readonly byte[] FixedSeed = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    // ---------------------------------------------------------------------------------------
    // Known answers for FixedSeed. Computed outside this code base: RFC 5869 HKDF-SHA256 written
    // out with Python's hmac/hashlib (empty salt, i.e. 32 zero bytes as the HMAC key of the
    // extract step), the Ed25519 public key from pyca/cryptography, the peer ID as base58btc of
    // 00 24 08 01 12 20 <public key>.
    // ---------------------------------------------------------------------------------------

    public static TheoryData<string, int, string, string> KnownAnswers => new()
    {
        { "cluster", 0, "746b868c83949c7d9ad6809db5877109eb1b63e8e6a490aca4804e2b1b505fbb", "12D3KooWRmY7wEc59Ku3VJUy75MzQsc7paqHyh7MmWUER2jGu1JS" },
        { "cluster", 1, "4e32f631ad034344c5ccb0c165667d2045e2064a40b0643f2c62a69505100377", "12D3KooWAN5rbpHMshb7BJK13WpVsydVTbvPbc6fgbmZxr32akeN" },
        { "kubo", 0, "5fd470ad6eecc7a7b1c7fc9079894eed2de0cfa68e58e7ad358e148866f26058", "12D3KooWPJgg5X2uRBvhGpgBVK74GQ5UvAqEvJnsJ6RRzL3MXhDY" },
        { "kubo", 1, "fc60ef2d81a0664096274c64b8a9574ce26cb8d089356f51969b21e454a05fcb", "12D3KooWDttEuL1Ku96mwYqps6c9Teo2jkDwrMffDYdUknnYoivi" },
    };

    private static PeerIdentity Derive(string kind, ReadOnlySpan<byte> seed, int ordinal) => kind switch
    {
        "cluster" => IdentityDerivation.ClusterPeer(seed, ordinal),
        "kubo" => IdentityDerivation.KuboPeer(seed, ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void FixedSeed_GivesTheKnownPeerId(string kind, int ordinal, string ed25519SeedHex, string peerId)
    {
        var identity = Derive(kind, FixedSeed, ordinal);

        Assert.Equal(peerId, identity.PeerId);
        Assert.Equal(PeerIdentity.FromSeed(Convert.FromHexString(ed25519SeedHex)), identity);
    }

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void Derivation_IsHkdfSha256AsDocumented(string kind, int ordinal, string ed25519SeedHex, string peerId)
    {
        var info = Encoding.UTF8.GetBytes($"ipfs-infra/{kind}-peer/{ordinal}");
        var expected = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm: FixedSeed, outputLength: 32, salt: [], info: info);

        Assert.Equal(ed25519SeedHex, Convert.ToHexStringLower(expected));
        Assert.Equal(PeerIdentity.FromSeed(expected), Derive(kind, FixedSeed, ordinal));
        Assert.Equal(peerId, PeerIdentity.FromSeed(expected).PeerId);
    }

    [Fact]
    public void Derivation_IsHkdfSha256AsDocumented_ForARandomSeedAndHighOrdinals()
    {
        var seed = RandomNumberGenerator.GetBytes(32);

        foreach (var ordinal in new[] { 0, 7, 10, 99, 1000 })
        {
            PeerIdentity Hkdf(string prefix) => PeerIdentity.FromSeed(HKDF.DeriveKey(HashAlgorithmName.SHA256, seed, 32, [], Encoding.UTF8.GetBytes(prefix + ordinal)));
            Assert.Equal(Hkdf(IdentityDerivation.ClusterPeerInfoPrefix), IdentityDerivation.ClusterPeer(seed, ordinal));
            Assert.Equal(Hkdf(IdentityDerivation.KuboPeerInfoPrefix), IdentityDerivation.KuboPeer(seed, ordinal));
        }
    }

    [Fact]
    public void InfoPrefixes_AreTheDocumentedStrings()
    {
        Assert.Equal("ipfs-infra/cluster-peer/", IdentityDerivation.ClusterPeerInfoPrefix);
        Assert.Equal("ipfs-infra/kubo-peer/", IdentityDerivation.KuboPeerInfoPrefix);
    }

    [Fact]
    public void Derivation_IsStable()
    {
        var seed = RandomNumberGenerator.GetBytes(32);

        Assert.Equal(IdentityDerivation.ClusterPeer(seed, 3), IdentityDerivation.ClusterPeer(seed.ToArray(), 3));
        Assert.Equal(IdentityDerivation.KuboPeer(seed, 3).PrivateKeyBase64, IdentityDerivation.KuboPeer(seed.ToArray(), 3).PrivateKeyBase64);
    }

    [Fact]
    public void EveryOrdinalAndKind_GetsItsOwnIdentity()
    {
        var (cluster, kubo) = IdentityDerivation.ForPeers(FixedSeed, 50);

        var all = cluster.Concat(kubo).Select(p => p.PeerId).ToList();
        Assert.Equal(100, all.Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, id => Assert.True(PeerIdentity.IsValidPeerId(id), id));
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentIdentities()
    {
        var other = FixedSeed.ToArray();
        other[31] ^= 1;

        Assert.NotEqual(IdentityDerivation.ClusterPeer(FixedSeed, 0).PeerId, IdentityDerivation.ClusterPeer(other, 0).PeerId);
        Assert.NotEqual(IdentityDerivation.KuboPeer(FixedSeed, 0).PeerId, IdentityDerivation.KuboPeer(other, 0).PeerId);
    }

    [Fact]
    public void ForPeers_IsAPrefixOfTheSameSequenceForEveryPeerCount()
    {
        var (three, threeKubo) = IdentityDerivation.ForPeers(FixedSeed, 3);
        var (five, fiveKubo) = IdentityDerivation.ForPeers(FixedSeed, 5);

        Assert.Equal(3, three.Count);
        Assert.Equal(5, five.Count);
        Assert.Equal(three, five.Take(3));
        Assert.Equal(threeKubo, fiveKubo.Take(3));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => IdentityDerivation.ClusterPeer(FixedSeed, i)), five);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => IdentityDerivation.KuboPeer(FixedSeed, i)), fiveKubo);
    }

    [Fact]
    public void ForPeers_FromHex_EqualsForPeersFromBytes()
    {
        var (cluster, kubo) = IdentityDerivation.ForPeers(Convert.ToHexStringLower(FixedSeed), 4);

        Assert.Equal(IdentityDerivation.ForPeers(FixedSeed, 4).ClusterPeers, cluster);
        Assert.Equal(IdentityDerivation.ForPeers(FixedSeed, 4).KuboPeers, kubo);
        Assert.Equal("12D3KooWRmY7wEc59Ku3VJUy75MzQsc7paqHyh7MmWUER2jGu1JS", cluster[0].PeerId);
    }

    [Fact]
    public void ForPeers_OfZeroPeers_IsEmpty()
    {
        var (cluster, kubo) = IdentityDerivation.ForPeers(FixedSeed, 0);

        Assert.Empty(cluster);
        Assert.Empty(kubo);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void SeedOfTheWrongLength_IsRefused(int length)
    {
        var seed = new byte[length];

        Assert.Throws<ArgumentException>(() => IdentityDerivation.ClusterPeer(seed, 0));
        Assert.Throws<ArgumentException>(() => IdentityDerivation.KuboPeer(seed, 0));
        Assert.Throws<ArgumentException>(() => IdentityDerivation.ForPeers(seed, 1));
    }

    [Fact]
    public void NegativeOrdinalOrPeerCount_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentityDerivation.ClusterPeer(FixedSeed, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentityDerivation.KuboPeer(FixedSeed, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentityDerivation.ForPeers(FixedSeed, -1));
    }

    [Fact]
    public void SeedThatIsNotHex_IsRefusedWithoutEchoingIt()
    {
        var text = new string('z', 64);

        var error = Assert.Throws<ArgumentException>(() => IdentityDerivation.ForPeers(text, 1));

        Assert.DoesNotContain(text, error.Message);
    }
}
