using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ipfs.Manifests.Identity;

/// <summary>
/// Derives every peer identity of a cluster from one 32-byte random identity seed, so that an
/// ordinal's identity is a pure function of (seed, ordinal).
/// </summary>
/// <remarks>
/// <para>Why one seed instead of one random value per ordinal: an ordinal's identity must outlive
/// the ordinal. Scaling down removes pods but retains their volumes (which hold the old peer
/// state); scaling back up must bring the same peers back, never silently give those ordinals new
/// identities. A per-ordinal random value would be deleted with the ordinal (Pulumi deletes the
/// removed resources) and regenerated differently later. A derived identity cannot drift: as long
/// as the cluster's one seed is kept, every ordinal, past or future, has exactly one identity.
/// It also leaves exactly one identity secret to protect and back up, whatever the peer count.</para>
/// <para>Derivation (fixed forever; changing it rotates every identity): the Ed25519 seed of an
/// ordinal is HKDF-SHA256 (RFC 5869) with input keying material = the identity seed, an empty
/// salt, output length 32 and info = the UTF-8 bytes of <c>ipfs-infra/cluster-peer/{ordinal}</c>
/// (the ipfs-cluster peer) or <c>ipfs-infra/kubo-peer/{ordinal}</c> (the kubo node), the ordinal
/// in invariant decimal without leading zeros. The two prefixes keep the cluster peer and the kubo
/// node of one pod apart; HKDF makes the identities independent of one another, and no identity's
/// private key reveals the seed or any other identity.</para>
/// </remarks>
public static class IdentityDerivation
{
    /// <summary>Length of the cluster's identity seed in bytes.</summary>
    public const int IdentitySeedLength = 32;

    /// <summary>HKDF info prefix of an ipfs-cluster peer's identity; the ordinal follows.</summary>
    public const string ClusterPeerInfoPrefix = "ipfs-infra/cluster-peer/";

    /// <summary>HKDF info prefix of a kubo node's identity; the ordinal follows.</summary>
    public const string KuboPeerInfoPrefix = "ipfs-infra/kubo-peer/";

    /// <summary>The ipfs-cluster peer identity of pod <paramref name="ordinal"/>.</summary>
    /// <param name="identitySeed">The cluster's 32-byte identity seed.</param>
    /// <param name="ordinal">The StatefulSet ordinal (0 or more).</param>
    /// <exception cref="ArgumentException">The seed is not exactly 32 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The ordinal is negative.</exception>
    public static PeerIdentity ClusterPeer(ReadOnlySpan<byte> identitySeed, int ordinal) =>
        Derive(identitySeed, ClusterPeerInfoPrefix, ordinal);

    /// <summary>The kubo node identity of pod <paramref name="ordinal"/>.</summary>
    /// <param name="identitySeed">The cluster's 32-byte identity seed.</param>
    /// <param name="ordinal">The StatefulSet ordinal (0 or more).</param>
    /// <exception cref="ArgumentException">The seed is not exactly 32 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The ordinal is negative.</exception>
    public static PeerIdentity KuboPeer(ReadOnlySpan<byte> identitySeed, int ordinal) =>
        Derive(identitySeed, KuboPeerInfoPrefix, ordinal);

    /// <summary>
    /// The identities of ordinals <c>0..peers-1</c>: the first <paramref name="peers"/> entries of
    /// the same endless sequence for every peer count, so scaling never changes an ordinal's identity.
    /// </summary>
    /// <param name="identitySeed">The cluster's 32-byte identity seed.</param>
    /// <param name="peers">How many pods (0 or more).</param>
    /// <returns>ipfs-cluster peer and kubo node identities, each by ordinal.</returns>
    /// <exception cref="ArgumentException">The seed is not exactly 32 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The peer count is negative.</exception>
    public static (IReadOnlyList<PeerIdentity> ClusterPeers, IReadOnlyList<PeerIdentity> KuboPeers) ForPeers(ReadOnlySpan<byte> identitySeed, int peers)
    {
        CheckSeed(identitySeed);
        ArgumentOutOfRangeException.ThrowIfNegative(peers);
        var cluster = new PeerIdentity[peers];
        var kubo = new PeerIdentity[peers];
        for (var i = 0; i < peers; i++)
        {
            cluster[i] = ClusterPeer(identitySeed, i);
            kubo[i] = KuboPeer(identitySeed, i);
        }
        return (cluster, kubo);
    }

    /// <summary>
    /// <see cref="ForPeers(ReadOnlySpan{byte}, int)"/> for a seed written as 64 hex characters (the
    /// form the material file and Pulumi.Random's <c>hex</c> output hold).
    /// </summary>
    /// <param name="identitySeedHex">The cluster's identity seed, 64 hex characters.</param>
    /// <param name="peers">How many pods (0 or more).</param>
    /// <returns>ipfs-cluster peer and kubo node identities, each by ordinal.</returns>
    /// <exception cref="ArgumentException">The text is not 64 hex characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The peer count is negative.</exception>
    public static (IReadOnlyList<PeerIdentity> ClusterPeers, IReadOnlyList<PeerIdentity> KuboPeers) ForPeers(string identitySeedHex, int peers)
    {
        ArgumentNullException.ThrowIfNull(identitySeedHex);
        byte[] seed;
        try
        {
            seed = Convert.FromHexString(identitySeedHex);
        }
        catch (FormatException)
        {
            // Never echo the text: it is the cluster's root secret.
            throw new ArgumentException("The identity seed must be 64 hex characters (32 bytes).", nameof(identitySeedHex));
        }
        try
        {
            return ForPeers(seed, peers);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private static PeerIdentity Derive(ReadOnlySpan<byte> identitySeed, string prefix, int ordinal)
    {
        CheckSeed(identitySeed);
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        var info = Encoding.UTF8.GetBytes(prefix + ordinal.ToString(CultureInfo.InvariantCulture));
        Span<byte> seed = stackalloc byte[PeerIdentity.SeedLength];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, identitySeed, seed, salt: ReadOnlySpan<byte>.Empty, info: info);
            return PeerIdentity.FromSeed(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private static void CheckSeed(ReadOnlySpan<byte> identitySeed)
    {
        if (identitySeed.Length != IdentitySeedLength)
        {
            throw new ArgumentException(
                $"The identity seed must be exactly {IdentitySeedLength} bytes, but {identitySeed.Length} bytes were given.",
                nameof(identitySeed));
        }
    }
}
