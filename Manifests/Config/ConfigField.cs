using System.Text.Json.Nodes;

namespace Ipfs.Manifests.Config;

/// <summary>
/// One configuration leaf: its dotted path under the project namespace, its type, what it does,
/// and its default under each profile (null: no default, the key is optional or required).
/// </summary>
public sealed record ConfigField(string Path, FieldType Type, string Description, JsonNode? Dev, JsonNode? Prod, bool Required = false)
{
    /// <summary>The top-level key this leaf lives under (the part Pulumi sees as the config key).</summary>
    public string TopLevelKey => Path.Split('.')[0];

    /// <summary>The default for <paramref name="profile"/>, or null.</summary>
    public JsonNode? DefaultFor(Profile profile) => profile == Profile.Prod ? Prod : Dev;
}
