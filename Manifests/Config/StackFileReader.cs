using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;

namespace Ipfs.Manifests.Config;

/// <summary>
/// Reads a Pulumi stack file (<c>Pulumi.&lt;stack&gt;.yaml</c>) without Pulumi: the <c>config:</c>
/// map's keys in the project namespace become a <see cref="StackConfig"/>. Structured values are
/// kept as objects; <c>secure:</c> values stay encrypted (render never needs them).
/// </summary>
/// <remarks>
/// Stricter than Pulumi, which ignores what it does not know: a key under a namespace one typo
/// away from <c>ipfs-infra</c>, a config key outside <c>config:</c>, an unknown top-level key, a key
/// written twice and a file of the wrong shape are all problems. Keys of other namespaces
/// (<c>kubernetes:</c>, <c>pulumi:</c>, ...) belong to their providers and are left alone.
/// Problems that do not stop reading are returned in <see cref="StackConfig.Problems"/>, so the
/// loader lists them with its own.
/// </remarks>
public static class StackFileReader
{
    /// <summary>Top-level keys of a Pulumi stack file (Pulumi's ProjectStack).</summary>
    private static readonly string[] StackFileKeys = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

    private const string Shape = "a stack file is a YAML map whose config: map holds the keys, e.g. config: {ipfs-infra:profile: prod}";

    /// <summary>Reads <paramref name="path"/>; malformed YAML, a wrong shape or a missing file is a <see cref="ConfigValidationException"/>.</summary>
    public static StackConfig Read(string path) => Read(path, requireConfig: true);

    private static StackConfig Read(string path, bool requireConfig)
    {
        var source = Path.GetFileName(path);
        if (!File.Exists(path))
            throw Fail(source, "config", $"stack file not found at {Path.GetFullPath(path)}");

        IReadOnlyList<YamlTreeNode?> documents;
        try
        {
            documents = YamlTree.Load(Utf8Text(File.ReadAllBytes(path)));
        }
        catch (YamlTreeException e)
        {
            throw Fail(source, "config", $"is not valid YAML at line {e.Line}, column {e.Column}: {e.Message}");
        }

        var problems = new List<ConfigProblem>();
        if (documents.Count > 1)
            problems.Add(new(source, "(file)", null, $"holds {documents.Count} YAML documents (---); {Shape}"));
        var root = documents.Count == 0 ? null : documents[0];
        if (root is not null and not YamlTreeMap)
            throw Fail(source, "(file)", $"is {Describe(root)}; {Shape}");

        var config = ReadTopLevel(source, root as YamlTreeMap, problems);
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (config is YamlTreeMap map)
            ReadConfig(source, map, values, problems);
        else if (config is not null and not YamlTreeScalar { IsNull: true })
            problems.Add(new(source, "config", null, $"is {Describe(config)}; it must be a map of keys such as ipfs-infra:peers: 3"));
        else if (config is null && requireConfig)
            problems.Add(new(source, "config", null, $"is missing; {Shape}"));

        if (config is not YamlTreeMap && problems.Count > 0) throw new ConfigValidationException(problems);
        return new StackConfig(source, values, new HashSet<string>()) { Problems = problems };
    }

    /// <summary>
    /// What Pulumi passes over silently in the stack file at <paramref name="path"/> (keys outside
    /// <c>config:</c>, near-miss namespaces, unknown top-level keys, a wrong shape): the Pulumi
    /// program reads values through Pulumi, and the layout of the file through this.
    /// </summary>
    public static IReadOnlyList<ConfigProblem> LayoutProblems(string path)
    {
        try
        {
            return Read(path, requireConfig: false).Problems; // config may come from a Pulumi environment
        }
        catch (ConfigValidationException e)
        {
            return e.Problems;
        }
    }

    /// <summary>The <c>config:</c> node (null when absent); every other top-level key must be Pulumi's own.</summary>
    private static YamlTreeNode? ReadTopLevel(string source, YamlTreeMap? root, List<ConfigProblem> problems)
    {
        YamlTreeNode? config = null;
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in root?.Entries ?? [])
        {
            if (keyNode is not YamlTreeScalar { Value: var key })
            {
                problems.Add(new(source, "(file)", null, $"line {keyNode.Line}: keys must be plain names such as config"));
                continue;
            }
            if (!seen.TryAdd(key, keyNode.Line))
            {
                problems.Add(new(source, key, null, $"is set twice (lines {seen[key]} and {keyNode.Line}); keep one"));
                continue;
            }
            if (key == "config")
                config = value;
            else if (key.Contains(':') || ConfigSchema.Fields.Any(f => f.TopLevelKey == key))
                problems.Add(new(source, key, null, $"line {keyNode.Line}: is a config key outside config: (Pulumi would ignore it); indent it under config:{ConfigNamespace.DidYouMean(key)}"));
            else if (!StackFileKeys.Contains(key, StringComparer.Ordinal))
                problems.Add(new(source, key, null, $"line {keyNode.Line}: is not a stack file key{Hint(Spelling.Closest(key, StackFileKeys))} (known: {string.Join(", ", StackFileKeys)})"));
        }
        return config;
    }

    private static void ReadConfig(string source, YamlTreeMap config, Dictionary<string, JsonNode?> values, List<ConfigProblem> problems)
    {
        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in config.Entries)
        {
            if (keyNode is not YamlTreeScalar { Value: var key })
            {
                problems.Add(new(source, "config", null, $"line {keyNode.Line}: keys must be plain names such as ipfs-infra:peers"));
                continue;
            }
            var name = ConfigNamespace.OurName(key);
            if (name is null)
            {
                if (ConfigNamespace.NearMissProblem(source, key, $"line {keyNode.Line}: ") is { } problem) problems.Add(problem);
                continue; // another provider's key
            }
            var json = ToJson(source, name, valueNode, problems);
            if (lines.TryAdd(name, keyNode.Line))
                values[name] = json;
            else
                problems.Add(new(source, StackConfig.KeyOf(name), null, $"is set twice (lines {lines[name]} and {keyNode.Line}; with or without the {StackConfig.ProjectName}: prefix, it is one key); keep one"));
        }
    }

    private static string Hint(string? closest) => closest is null ? "" : $"; did you mean {closest}?";

    private static string Describe(YamlTreeNode node) => node switch
    {
        YamlTreeList => "a list",
        YamlTreeMap => "a map",
        _ => "a single value",
    };

    /// <summary>The file's text; bytes that are not UTF-8 (which Pulumi refuses too) are a YAML error at their position.</summary>
    private static string Utf8Text(byte[] bytes)
    {
        var text = bytes.AsSpan(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0);
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf8(text[i..], out _, out var length) != OperationStatus.Done)
            {
                var lineStart = text[..i].LastIndexOf((byte)'\n') + 1;
                throw new YamlTreeException(text[..i].Count((byte)'\n') + 1, Encoding.UTF8.GetCharCount(text[lineStart..i]) + 1, "the file is not UTF-8 text here");
            }
            i += length;
        }
        return Encoding.UTF8.GetString(text);
    }

    private static ConfigValidationException Fail(string source, string key, string message) =>
        new([new ConfigProblem(source, key, null, message)]);

    private static JsonNode? ToJson(string source, string path, YamlTreeNode node, List<ConfigProblem> problems)
    {
        switch (node)
        {
            case YamlTreeScalar { IsNull: true }:
                return null;
            case YamlTreeScalar scalar:
                return JsonValue.Create(scalar.Value);
            case YamlTreeList list:
                return new JsonArray(list.Items.Select((item, i) => ToJson(source, $"{path}[{i}]", item, problems)).ToArray());
            default:
                var map = (YamlTreeMap)node;
                var obj = new JsonObject();
                var lines = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var (keyNode, value) in map.Entries)
                {
                    if (keyNode is not YamlTreeScalar { Value: var name })
                        problems.Add(new(source, StackConfig.KeyOf(path), null, $"line {keyNode.Line}: nested keys must be plain names"));
                    else if (!lines.TryAdd(name, keyNode.Line))
                        problems.Add(new(source, StackConfig.KeyOf($"{path}.{name}"), null, $"is set twice (lines {lines[name]} and {keyNode.Line}); keep one"));
                    else
                        obj[name] = ToJson(source, $"{path}.{name}", value, problems);
                }
                return obj;
        }
    }
}
