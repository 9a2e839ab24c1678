using Ipfs.Manifests.Identity;

namespace Ipfs.Manifests.Material;

/// <summary>
/// Every secret value of a cluster: the cluster secret, one identity per cluster peer and per kubo
/// node (by ordinal), the REST API password and the optional swarm key. Only Secret objects are
/// built from it. Under Pulumi it comes from Pulumi.Random; under render from <see cref="MaterialFile"/>.
/// </summary>
public sealed class SecretMaterial
{
    /// <summary>Creates material, checking formats (a bad value here is a bug or a corrupt source).</summary>
    public SecretMaterial(string clusterSecretHex, string restApiPassword, string? swarmKeyHex,
        IReadOnlyList<PeerIdentity> clusterPeers, IReadOnlyList<PeerIdentity> kuboPeers)
    {
        if (!IsHex32(clusterSecretHex)) throw new ArgumentException("The cluster secret must be 64 lower-case hex characters (32 bytes).", nameof(clusterSecretHex));
        if (swarmKeyHex is not null && !IsHex32(swarmKeyHex)) throw new ArgumentException("The swarm key must be 64 lower-case hex characters (32 bytes).", nameof(swarmKeyHex));
        if (string.IsNullOrEmpty(restApiPassword)) throw new ArgumentException("The REST API password must not be empty.", nameof(restApiPassword));
        if (clusterPeers.Count != kuboPeers.Count) throw new ArgumentException("Every pod needs both a cluster and a kubo identity.", nameof(kuboPeers));
        ClusterSecretHex = clusterSecretHex;
        RestApiPassword = restApiPassword;
        SwarmKeyHex = swarmKeyHex;
        ClusterPeers = clusterPeers;
        KuboPeers = kuboPeers;
    }

    /// <summary>The 32-byte cluster secret, hex (CLUSTER_SECRET).</summary>
    public string ClusterSecretHex { get; }

    /// <summary>REST API basic-auth password.</summary>
    public string RestApiPassword { get; }

    /// <summary>The 32-byte private-swarm key, hex, or null when the swarm is public.</summary>
    public string? SwarmKeyHex { get; }

    /// <summary>ipfs-cluster peer identity by ordinal.</summary>
    public IReadOnlyList<PeerIdentity> ClusterPeers { get; }

    /// <summary>kubo node identity by ordinal.</summary>
    public IReadOnlyList<PeerIdentity> KuboPeers { get; }

    /// <summary>The public peer IDs.</summary>
    public ClusterIdentities Identities => new(ClusterPeers.Select(p => p.PeerId).ToList(), KuboPeers.Select(p => p.PeerId).ToList());

    /// <summary>Never prints secret values.</summary>
    public override string ToString() => $"SecretMaterial({ClusterPeers.Count} peers, values hidden)";

    internal static bool IsHex32(string value) =>
        value.Length == 64 && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
