using System.Text.Json.Nodes;

namespace Ipfs.Manifests.Config;

/// <summary>
/// A value whose plaintext must never reach logs, non-Secret objects or stack outputs. Under render,
/// Pulumi-encrypted (<c>secure:</c>) values stay encrypted and <see cref="Plaintext"/> is null.
/// </summary>
public sealed class SecretString
{
    /// <summary>Wraps a plaintext secret (null when the value is encrypted and cannot be read here).</summary>
    public SecretString(string? plaintext) => Plaintext = plaintext;

    /// <summary>The secret value, or null when it was not decrypted (render reads stack files without Pulumi).</summary>
    public string? Plaintext { get; }

    /// <summary>Never prints the value.</summary>
    public override string ToString() => "[secret]";

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SecretString other && other.Plaintext == Plaintext;

    /// <inheritdoc />
    public override int GetHashCode() => Plaintext?.GetHashCode(StringComparison.Ordinal) ?? 0;
}

/// <summary>
/// The raw configuration of one stack for our project namespace: top-level key (without the
/// <c>ipfs-infra:</c> prefix) to value, as JSON, with Pulumi <c>secure:</c> leaves replaced by
/// <c>{"secure": ...}</c> objects (render) or flagged through <see cref="SecretKeys"/> (Pulumi).
/// </summary>
/// <param name="Source">Where the values came from, used in error messages (a file name or "Pulumi config").</param>
/// <param name="Values">Top-level key to value.</param>
/// <param name="SecretKeys">Top-level keys Pulumi reports as secret (their values are decrypted).</param>
public sealed record StackConfig(string Source, IReadOnlyDictionary<string, JsonNode?> Values, IReadOnlySet<string> SecretKeys)
{
    /// <summary>The Pulumi project name; config keys are <c>ipfs-infra:&lt;key&gt;</c>.</summary>
    public const string ProjectName = "ipfs-infra";

    /// <summary>
    /// Problems found while reading (a key set twice, a key outside <c>config:</c>, ...) that did
    /// not stop reading; the loader reports them together with its own.
    /// </summary>
    public IReadOnlyList<ConfigProblem> Problems { get; init; } = [];

    /// <summary>Formats a dotted path as the key the user wrote, e.g. <c>ipfs-infra:replication.min</c>.</summary>
    public static string KeyOf(string path) => $"{ProjectName}:{path}";
}
