using Ipfs.Manifests.Identity;

namespace Ipfs.Manifests.Material;

/// <summary>
/// The public half of the cluster's identities: peer IDs by ordinal. Safe for ConfigMaps, stack
/// outputs and logs; everything non-Secret is built from this, never from <see cref="SecretMaterial"/>.
/// </summary>
public sealed record ClusterIdentities(IReadOnlyList<string> ClusterPeerIds, IReadOnlyList<string> KuboPeerIds)
{
    /// <summary>
    /// Valid but meaningless IDs for <paramref name="peers"/> peers, used to learn the shape of the
    /// objects (names, counts) before the real identities are known, e.g. during a first preview.
    /// </summary>
    public static ClusterIdentities Placeholder(int peers)
    {
        static string Id(int kind, int ordinal)
        {
            var seed = new byte[32];
            seed[0] = (byte)kind;
            BitConverter.TryWriteBytes(seed.AsSpan(1), ordinal);
            return PeerIdentity.FromSeed(seed).PeerId;
        }
        return new(
            Enumerable.Range(0, peers).Select(i => Id(1, i)).ToList(),
            Enumerable.Range(0, peers).Select(i => Id(2, i)).ToList());
    }

    /// <summary>Value equality over the ID lists (records compare lists by reference).</summary>
    public bool Equals(ClusterIdentities? other) =>
        other is not null && ClusterPeerIds.SequenceEqual(other.ClusterPeerIds) && KuboPeerIds.SequenceEqual(other.KuboPeerIds);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ClusterPeerIds.Count, ClusterPeerIds.FirstOrDefault());
}
