namespace Ipfs.Manifests.Config;

/// <summary>One thing wrong with a stack's configuration: where, which key, the value seen, and what is allowed.</summary>
/// <param name="Source">The file (or "Pulumi config") the value came from.</param>
/// <param name="Key">The full key, e.g. <c>ipfs-infra:replication.min</c>.</param>
/// <param name="Value">The offending value as written, or null when the key is missing.</param>
/// <param name="Message">What is allowed instead.</param>
public sealed record ConfigProblem(string Source, string Key, string? Value, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        Value is null ? $"{Source}: {Key}: {Message}" : $"{Source}: {Key} = {Value}: {Message}";
}
