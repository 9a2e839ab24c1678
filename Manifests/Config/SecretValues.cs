using System.Text.Json.Nodes;

namespace Ipfs.Manifests.Config;

/// <summary>
/// Decides whether a configuration value may be printed in a message. A value is withheld, whatever
/// its shape (text, map, list, nested), when it may hold a secret: anything Pulumi marks secret,
/// anything containing a <c>secure:</c> value, a field the schema marks secret (and its ancestors,
/// descendants and unknown siblings, such as a misspelt <c>kubeconfg</c>), and any key or value
/// whose names look like credentials.
/// </summary>
internal static class SecretValues
{
    /// <summary>What a message shows instead of a withheld value.</summary>
    public const string Withheld = "[secret]";

    private static readonly string[] SecretPaths = ConfigSchema.Fields.Where(f => f.Type.HoldsSecrets).Select(f => f.Path).ToArray();

    // Credential fields of a kubeconfig (and the usual words): a map with such a key is never printed.
    private static readonly string[] CredentialWords = ["token", "password", "secret", "client-key-data", "client-certificate-data", "auth-provider", "exec"];

    /// <summary>The value as a message shows it: its text, or <see cref="Withheld"/>.</summary>
    public static string Show(StackConfig config, string path, JsonNode? node) =>
        MayHoldSecret(config, path, node) ? Withheld : node switch
        {
            null => "null",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };

    /// <summary>True when the value at <paramref name="path"/> must not be printed.</summary>
    public static bool MayHoldSecret(StackConfig config, string path, JsonNode? node) =>
        config.SecretKeys.Contains(path.Split('.')[0])
        || ContainsSecretKey(node)
        || (IsSecretPath(path) && !(node is JsonValue && ConfigSchema.ByPath.TryGetValue(path, out var field) && !field.Type.HoldsSecrets));

    private static bool IsSecretPath(string path)
    {
        var leaf = path[(path.LastIndexOf('.') + 1)..];
        return SecretPaths.Any(secret =>
        {
            var parent = secret.Contains('.') ? secret[..secret.LastIndexOf('.')] : "";
            var secretLeaf = secret[(secret.LastIndexOf('.') + 1)..];
            return path == secret
                || path.StartsWith(secret + ".", StringComparison.Ordinal)
                || secret.StartsWith(path + ".", StringComparison.Ordinal)
                || (parent.Length > 0 && path.StartsWith(parent + ".", StringComparison.Ordinal))
                || Spelling.Distance(leaf, secretLeaf) <= Spelling.NearMiss
                || IsCredentialWord(leaf);
        });
    }

    private static bool ContainsSecretKey(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Any(kv => kv.Key == "secure" || IsSecretPath(kv.Key) || ContainsSecretKey(kv.Value)),
        JsonArray array => array.Any(ContainsSecretKey),
        _ => false,
    };

    private static bool IsCredentialWord(string name) =>
        CredentialWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));
}
