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
        catch (InvalidOperationException e)
        {
            // YamlDotNet reports some malformed documents (e.g. an unclosed flow sequence) this way.
            throw Problem(source, "config", null, $"is not valid YAML: {e.Message}");
        }

        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            return new StackConfig(source, values, new HashSet<string>());
        if (!root.Children.TryGetValue(new YamlScalarNode("config"), out var configNode) || configNode is YamlScalarNode { Value: null or "" })
            return new StackConfig(source, values, new HashSet<string>());
        if (configNode is not YamlMappingNode config)
            throw Problem(source, "config", null, "must be a map of namespaced keys such as ipfs-infra:peers");

        var prefix = StackConfig.ProjectName + ":";
        var problems = new List<ConfigProblem>();
        foreach (var (keyNode, valueNode) in config.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                problems.Add(new ConfigProblem(source, "config", keyNode.ToString(), $"line {keyNode.Start.Line}: keys must be plain names such as ipfs-infra:peers"));
                continue;
            }
            var nested = new List<string>();
            var json = ToJson(valueNode, nested);
            foreach (var line in nested)
                problems.Add(new ConfigProblem(source, key, null, $"line {line}: nested keys must be plain names"));
            var name = key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..]
                : key.Contains(':') ? null
                : key; // Pulumi reads an unprefixed key as the project's own
            if (name is null) continue;
            if (!values.TryAdd(name, json))
                problems.Add(new ConfigProblem(source, StackConfig.KeyOf(name), null, "is set twice (with and without the ipfs-infra: prefix); keep one"));
        }
        if (problems.Count > 0) throw new ConfigValidationException(problems);
        return new StackConfig(source, values, new HashSet<string>());
    }

    private static ConfigValidationException Problem(string source, string key, string? value, string message) =>
        new([new ConfigProblem(source, key, value, message)]);

    private static JsonNode? ToJson(YamlNode node, List<string> badKeyLines)
    {
        switch (node)
        {
            case YamlScalarNode { Value: null }:
            case YamlScalarNode { Style: ScalarStyle.Plain, Value: "" or "~" or "null" }:
                return null;
            case YamlScalarNode scalar:
                return JsonValue.Create(scalar.Value);
            case YamlSequenceNode sequence:
                return new JsonArray(sequence.Children.Select(c => ToJson(c, badKeyLines)).ToArray());
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    if (key is YamlScalarNode { Value: { } name }) obj[name] = ToJson(value, badKeyLines);
                    else badKeyLines.Add(key.Start.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                return obj;
            default:
                badKeyLines.Add(node.Start.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return null;
        }
    }
}
