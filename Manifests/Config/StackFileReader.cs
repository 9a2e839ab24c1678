using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ipfs.Manifests.Config;

/// <summary>
/// Reads a Pulumi stack file (<c>Pulumi.&lt;stack&gt;.yaml</c>) without Pulumi: the <c>config:</c>
/// map's keys in the project namespace become a <see cref="StackConfig"/>. Structured values are
/// kept as objects; <c>secure:</c> values stay encrypted (render never needs them).
/// </summary>
public static class StackFileReader
{
    /// <summary>Reads <paramref name="path"/>; malformed YAML or a missing file is a <see cref="ConfigValidationException"/>.</summary>
    public static StackConfig Read(string path)
    {
        var source = Path.GetFileName(path);
        if (!File.Exists(path))
            throw Problem(source, "config", null, $"stack file not found at {Path.GetFullPath(path)}");

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw Problem(source, "config", null, $"is not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.InnerException?.Message ?? e.Message}");
        }

        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            return new StackConfig(source, values, new HashSet<string>());
        if (!root.Children.TryGetValue(new YamlScalarNode("config"), out var configNode) || configNode is YamlScalarNode { Value: null or "" })
            return new StackConfig(source, values, new HashSet<string>());
        if (configNode is not YamlMappingNode config)
            throw Problem(source, "config", null, "must be a map of namespaced keys such as ipfs-infra:peers");

        var prefix = StackConfig.ProjectName + ":";
        foreach (var (keyNode, valueNode) in config.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (key.StartsWith(prefix, StringComparison.Ordinal))
                values[key[prefix.Length..]] = ToJson(valueNode);
            else if (!key.Contains(':'))
                values[key] = ToJson(valueNode); // Pulumi reads an unprefixed key as the project's own
        }
        return new StackConfig(source, values, new HashSet<string>());
    }

    private static ConfigValidationException Problem(string source, string key, string? value, string message) =>
        new([new ConfigProblem(source, key, value, message)]);

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null } => null,
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "" or "~" or "null" } => null,
        YamlScalarNode s => JsonValue.Create(s.Value),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        _ => throw new InvalidOperationException($"Unsupported YAML node {node.NodeType}."),
    };
}
