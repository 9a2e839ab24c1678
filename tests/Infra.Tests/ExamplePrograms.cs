using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pulumi.Experimental;
using YamlDotNet.RepresentationModel;

namespace Ipfs.Infra.Tests;

/// <summary>The inputs the example programs in examples/ give the IpfsCluster component, as JSON.</summary>
internal static partial class ExamplePrograms
{
    private static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Examples", relative);

    /// <summary>The <c>properties</c> of every <c>ipfs:index:IpfsCluster</c> resource of examples/yaml/Pulumi.yaml.</summary>
    public static IReadOnlyList<JsonObject> YamlClusterProperties()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(PathOf("yaml/Pulumi.yaml"))) stream.Load(reader);
        var resources = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["resources"];
        return resources.Children.Values.Cast<YamlMappingNode>()
            .Where(r => ((YamlScalarNode)r["type"]).Value == "ipfs:index:IpfsCluster")
            .Select(r => ToJson(r["properties"])!.AsObject())
            .ToList();
    }

    /// <summary>
    /// The args object literal of every <c>new ipfs.IpfsCluster(name, {...})</c> in
    /// examples/typescript/index.ts, read as JSON (keys quoted, comments and trailing commas dropped).
    /// </summary>
    public static IReadOnlyList<JsonObject> TypeScriptClusterArgs()
    {
        var source = File.ReadAllText(PathOf("typescript/index.ts"));
        var literals = new List<JsonObject>();
        foreach (Match call in ClusterConstruction().Matches(source))
        {
            var start = call.Index + call.Length - 1;
            var depth = 0;
            var end = start;
            do
            {
                depth += source[end] switch { '{' => 1, '}' => -1, _ => 0 };
                end++;
            } while (depth > 0);
            var json = TrailingComma().Replace(BareKey().Replace(LineComment().Replace(source[start..end], ""), "$1\"$2\":"), "$1");
            literals.Add(JsonNode.Parse(json)!.AsObject());
        }
        return literals;
    }

    /// <summary>JSON as the engine hands it to a provider: numbers as doubles.</summary>
    public static PropertyValue ToPropertyValue(JsonNode? node) => node switch
    {
        null => PropertyValue.Null,
        JsonObject o => new PropertyValue(o.ToImmutableDictionary(kv => kv.Key, kv => ToPropertyValue(kv.Value))),
        JsonArray a => new PropertyValue(a.Select(ToPropertyValue).ToImmutableArray()),
        JsonValue v when v.TryGetValue<bool>(out var b) => new PropertyValue(b),
        JsonValue v when v.TryGetValue<double>(out var d) => new PropertyValue(d),
        _ => new PropertyValue(node.GetValue<string>()),
    };

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar when double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } scalar => JsonValue.Create(scalar.Value == "true"),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    [GeneratedRegex(@"new ipfs\.IpfsCluster\(""[^""]+"",\s*\{")]
    private static partial Regex ClusterConstruction();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:")]
    private static partial Regex BareKey();

    [GeneratedRegex(@",(\s*[}\]])")]
    private static partial Regex TrailingComma();
}
