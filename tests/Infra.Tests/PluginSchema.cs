using System.Text.Json.Nodes;
using Ipfs.Plugin;
using Pulumi.Experimental.Provider;

namespace Ipfs.Infra.Tests;

/// <summary>The schema the plugin serves, and a check of property values against it.</summary>
internal static class PluginSchema
{
    public static async Task<string> ServedAsync() =>
        (await new IpfsProvider().GetSchema(new GetSchemaRequest(0, null, null), CancellationToken.None)).Schema!;

    public static async Task<JsonObject> ServedObjectAsync() => JsonNode.Parse(await ServedAsync())!.AsObject();

    /// <summary>
    /// Problems of <paramref name="properties"/> as inputs of <paramref name="resourceToken"/>:
    /// properties the schema does not have and values of another type. Counts every value checked.
    /// </summary>
    public static List<string> Check(JsonObject schema, string resourceToken, JsonObject properties, out int checkedValues)
    {
        var problems = new List<string>();
        var count = 0;
        CheckObject(schema, schema["resources"]![resourceToken]!["inputProperties"]!.AsObject(), properties, "", problems, ref count);
        checkedValues = count;
        return problems;
    }

    private static void CheckObject(JsonObject schema, JsonObject specs, JsonObject values, string path, List<string> problems, ref int count)
    {
        foreach (var (name, value) in values)
        {
            if (specs[name] is not JsonObject spec)
                problems.Add($"{path}{name}: not in the schema (has {string.Join(", ", specs.Select(s => s.Key))})");
            else
                CheckValue(schema, spec, value!, path + name, problems, ref count);
        }
    }

    private static void CheckValue(JsonObject schema, JsonObject spec, JsonNode value, string path, List<string> problems, ref int count)
    {
        count++;
        if (spec["$ref"] is { } reference)
        {
            var token = ((string)reference!)["#/types/".Length..];
            if (value is JsonObject nested)
                CheckObject(schema, schema["types"]![token]!["properties"]!.AsObject(), nested, path + ".", problems, ref count);
            else
                problems.Add($"{path}: {value.ToJsonString()} is not an object ({token})");
            return;
        }
        var type = (string)spec["type"]!;
        var ok = type switch
        {
            "string" => value is JsonValue v && v.TryGetValue<string>(out _),
            "boolean" => value is JsonValue v && v.TryGetValue<bool>(out _),
            "integer" => value is JsonValue v && v.TryGetValue<double>(out var d) && d == Math.Floor(d),
            "number" => value is JsonValue v && v.TryGetValue<double>(out _),
            "array" => value is JsonArray,
            "object" => value is JsonObject,
            _ => false,
        };
        if (!ok)
        {
            problems.Add($"{path}: {value.ToJsonString()} is not of type {type}");
            return;
        }
        if (type == "array")
            foreach (var (item, i) in value.AsArray().Select((item, i) => (item!, i)))
                CheckValue(schema, spec["items"]!.AsObject(), item, $"{path}[{i}]", problems, ref count);
        if (type == "object" && spec["additionalProperties"] is JsonObject valueSpec)
            foreach (var (key, item) in value.AsObject())
                CheckValue(schema, valueSpec, item!, $"{path}.{key}", problems, ref count);
    }
}
