using Ipfs.Manifests.Material;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders;

/// <summary>
/// The only objects that carry secret values: cluster secret, peer private keys, REST API
/// credentials and (private swarm) the swarm key. Pods reference them by name and key.
/// </summary>
public static class ClusterSecretsBuilder
{
    /// <summary>Key of the cluster secret (also the env var it is loaded into).</summary>
    public const string ClusterSecretKey = "CLUSTER_SECRET";

    /// <summary>Key of the REST API credentials in ipfs-cluster's environment form, <c>user:password</c> (envconfig's map syntax).</summary>
    public const string BasicAuthKey = "CLUSTER_RESTAPI_BASICAUTHCREDENTIALS";

    /// <summary>Key of the REST API user, for clients.</summary>
    public const string UserKey = "username";

    /// <summary>Key of the REST API password, for clients.</summary>
    public const string PasswordKey = "password";

    /// <summary>Key of the swarm key file.</summary>
    public const string SwarmKeyKey = "swarm.key";

    /// <summary>Identity Secret key of cluster peer <paramref name="ordinal"/>'s private key.</summary>
    public static string ClusterPrivateKeyKey(int ordinal) => $"cluster-{ordinal}.key";

    /// <summary>Identity Secret key of kubo node <paramref name="ordinal"/>'s private key.</summary>
    public static string KuboPrivateKeyKey(int ordinal) => $"kubo-{ordinal}.key";

    /// <summary>Builds the Secrets in a fixed order.</summary>
    public static IReadOnlyList<V1Secret> Build(ClusterSpec spec, SecretMaterial material)
    {
        if (material.ClusterPeers.Count != spec.Peers)
            throw new ArgumentException($"Material holds {material.ClusterPeers.Count} identities but the spec has {spec.Peers} peers.", nameof(material));
        var names = spec.Names;

        var identities = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Peers; i++)
        {
            identities[ClusterPrivateKeyKey(i)] = material.ClusterPeers[i].PrivateKeyBase64;
            identities[KuboPrivateKeyKey(i)] = material.KuboPeers[i].PrivateKeyBase64;
        }

        var secrets = new List<V1Secret>
        {
            Secret(spec, names.ClusterSecret, new() { [ClusterSecretKey] = material.ClusterSecretHex }),
            Secret(spec, names.Identities, identities),
            Secret(spec, names.RestApiCredentials, new()
            {
                [BasicAuthKey] = $"{spec.RestApi.User}:{material.RestApiPassword}",
                [UserKey] = spec.RestApi.User,
                [PasswordKey] = material.RestApiPassword,
            }),
        };
        if (spec.Network.PrivateSwarm)
        {
            if (material.SwarmKeyHex is null)
                throw new ArgumentException("A private swarm needs a swarm key in the material.", nameof(material));
            secrets.Add(Secret(spec, names.SwarmKey, new() { [SwarmKeyKey] = $"/key/swarm/psk/1.0.0/\n/base16/\n{material.SwarmKeyHex}\n" }));
        }
        return secrets;
    }

    private static V1Secret Secret(ClusterSpec spec, string name, SortedDictionary<string, string> data) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = ObjectMeta.For(spec, name, "secrets"),
        Type = "Opaque",
        StringData = new SortedDictionary<string, string>(data, StringComparer.Ordinal),
    };
}
