using System.Text.Json.Nodes;
using Ipfs.Manifests.Serialization;
using k8s;
using YamlDotNet.RepresentationModel;

namespace Ipfs.Manifests.Tests.Builders.Storage;

/// <summary>
/// A structural check of an object against the openAPIV3Schema of an upstream CRD (the copies in
/// Crds/): every field the object sets must be in the schema with the schema's type and enum, and
/// every required field must be set. Enough to catch a misspelt or misplaced field.
/// </summary>
internal static class CrdSchema
{
    public static string CrdFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
                return Path.Combine(dir.FullName, "tests", "Manifests.Tests", "Builders", "Storage", "Crds", name);
        throw new InvalidOperationException("Pulumi.yaml not found above the test binaries.");
    }

    /// <summary>The served v1 schema of a CRD file.</summary>
    public static JsonObject V1Schema(string crdFile)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(crdFile)) yaml.Load(reader);
        var crd = (JsonObject)ToJson(yaml.Documents[0].RootNode)!;
        var version = crd["spec"]!["versions"]!.AsArray().Single(v => (string?)v!["name"] == "v1")!;
        return version["schema"]!["openAPIV3Schema"]!.AsObject();
    }

    /// <summary>Every mismatch between <paramref name="obj"/> and <paramref name="schema"/>; empty when it fits.</summary>
    public static List<string> Problems(IKubernetesObject obj, JsonObject schema)
    {
        var problems = new List<string>();
        Check(JsonNode.Parse(ManifestJson.Serialize(obj)), schema, "", problems);
        return problems;
    }

    private static void Check(JsonNode? value, JsonObject schema, string path, List<string> problems)
    {
        var type = (string?)schema["type"];
        switch (type)
        {
            case "object":
                if (value is not JsonObject obj)
                {
                    problems.Add($"{path}: expected an object");
                    return;
                }
                foreach (var required in schema["required"]?.AsArray().Select(r => (string)r!) ?? [])
                    if (!obj.ContainsKey(required)) problems.Add($"{path}.{required}: required but missing");
                var properties = schema["properties"] as JsonObject;
                var additional = schema["additionalProperties"] as JsonObject;
                if (properties is null && additional is null) return; // e.g. metadata: any object
                foreach (var (name, child) in obj)
                {
                    var childSchema = properties?[name] as JsonObject ?? additional;
                    if (childSchema is null) problems.Add($"{path}.{name}: not in the schema");
                    else Check(child, childSchema, $"{path}.{name}", problems);
                }
                return;
            case "string":
                if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
                {
                    problems.Add($"{path}: expected a string");
                    return;
                }
                if (schema["enum"] is JsonArray allowed && !allowed.Any(a => (string?)a == text))
                    problems.Add($"{path}: '{text}' is not one of {string.Join(", ", allowed)}");
                return;
            case "boolean":
                if (value is not JsonValue b || !b.TryGetValue<bool>(out _)) problems.Add($"{path}: expected a boolean");
                return;
        }
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };
}
