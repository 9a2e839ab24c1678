using System.Security.Cryptography;
using System.Text;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders;

/// <summary>
/// A pod-template annotation that changes exactly when a Secret the pods read at start changes
/// (REST API credentials, cluster secret, identities, swarm key): ipfs-cluster reads its CLUSTER_*
/// variables once (envconfig) and the start scripts read the mounted keys once, so only a pod roll
/// makes a rotation take effect.
/// </summary>
/// <remarks>
/// The value is an HMAC-SHA256 over every Secret's data under a key derived (HKDF-SHA256) from the
/// cluster secret, never a plain hash: a plain hash of a password published on the StatefulSet
/// would let anyone who can read StatefulSets test password guesses offline. Without the key the
/// digest tells nothing about the values, and a new cluster secret changes the key as well.
/// </remarks>
public static class SecretsChecksum
{
    /// <summary>Pod-template annotation holding the keyed digest.</summary>
    public const string Annotation = "ipfs-infra/secrets-checksum";

    /// <summary>
    /// Stands in for the digest where only the objects' shape matters (names, kinds, metadata),
    /// before the secret material is known, as in a first preview.
    /// </summary>
    public const string Placeholder = "hmac-sha256:not-yet-known";

    private static readonly byte[] KeyInfo = Encoding.UTF8.GetBytes("ipfs-infra pod-template secrets checksum v1");

    /// <summary>The keyed digest of the Secrets built from <paramref name="material"/> for <paramref name="spec"/>.</summary>
    public static string Compute(ClusterSpec spec, SecretMaterial material) =>
        Compute(ClusterSecretsBuilder.Build(spec, material), material.ClusterSecretHex);

    /// <summary>The keyed digest of <paramref name="secrets"/>' data, keyed by <paramref name="clusterSecretHex"/>.</summary>
    public static string Compute(IEnumerable<V1Secret> secrets, string clusterSecretHex)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromHexString(clusterSecretHex), 32, salt: [], info: KeyInfo);
        var text = new StringBuilder();
        foreach (var secret in secrets.OrderBy(s => s.Metadata.Name, StringComparer.Ordinal))
        {
            text.Append(secret.Metadata.Name).Append('\0');
            foreach (var (name, value) in Data(secret).OrderBy(kv => kv.Key, StringComparer.Ordinal))
                text.Append(name).Append('\0').Append(value).Append('\0');
            text.Append('\n');
        }
        return "hmac-sha256:" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static IEnumerable<KeyValuePair<string, string>> Data(V1Secret secret) =>
        (secret.StringData ?? new Dictionary<string, string>())
        .Concat((secret.Data ?? new Dictionary<string, byte[]>()).Select(kv => KeyValuePair.Create(kv.Key, Convert.ToBase64String(kv.Value))));
}
