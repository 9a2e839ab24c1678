using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ipfs.Manifests.Serialization;

public static partial class ManifestYaml
{
    /// <summary>Reads one YAML document into <typeparamref name="T"/>; a field the type does not have is an error.</summary>
    public static T Deserialize<T>(string yaml) =>
        (T)Read(Documents(yaml).Single(), ManifestJson.TypeInfo(typeof(T)));

    /// <summary>
    /// Reads every document of a YAML stream into the type its apiVersion and kind name
    /// (<see cref="ManifestKinds"/>); an unknown kind or field is an error.
    /// </summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> LoadAll(string yaml) =>
        Documents(yaml).Select(root =>
        {
            var apiVersion = (root as YamlMappingNode)?.Children.TryGetValue("apiVersion", out var a) == true ? a.ToString() : "";
            var kind = (root as YamlMappingNode)?.Children.TryGetValue("kind", out var k) == true ? k.ToString() : "";
            var type = ManifestKinds.Find(apiVersion, kind)
                ?? throw new YamlException(root.Start, root.End, $"apiVersion '{apiVersion}', kind '{kind}' is not a kind this library builds (ManifestKinds)");
            return (IKubernetesObject<V1ObjectMeta>)Read(root, ManifestJson.TypeInfo(type));
        }).ToList();

    private static IEnumerable<YamlNode> Documents(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => d.RootNode);
    }

    private static object Read(YamlNode root, JsonTypeInfo info) =>
        JsonSerializer.Deserialize(ToJson(root, info), info)
        ?? throw new YamlException(root.Start, root.End, $"the document is null, not a {info.Type.Name}");

    /// <summary>The node as the JSON the type's generated metadata reads: scalars typed by the field they fill.</summary>
    private static JsonNode? ToJson(YamlNode node, JsonTypeInfo info)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" }) return null;
        switch (node, info.Kind)
        {
            case (YamlMappingNode map, JsonTypeInfoKind.Object):
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    var name = key.ToString();
                    var field = info.Properties.FirstOrDefault(p => p.Name == name)
                        ?? throw new YamlException(key.Start, key.End, $"{info.Type.Name} has no field '{name}'");
                    obj[name] = ToJson(value, ManifestJson.TypeInfo(field.PropertyType));
                }
                return obj;
            case (YamlMappingNode map, JsonTypeInfoKind.Dictionary):
                var valueInfo = ManifestJson.TypeInfo(info.ElementType!);
                var dictionary = new JsonObject();
                foreach (var (key, value) in map.Children)
                    dictionary[key.ToString()] = ToJson(value, valueInfo);
                return dictionary;
            case (YamlSequenceNode sequence, JsonTypeInfoKind.Enumerable):
                var itemInfo = ManifestJson.TypeInfo(info.ElementType!);
                return new JsonArray(sequence.Children.Select(item => ToJson(item, itemInfo)).ToArray());
            case (YamlScalarNode scalar, JsonTypeInfoKind.None):
                return IsJsonLiteral(info.Type) && scalar.Style == ScalarStyle.Plain
                    ? JsonNode.Parse(scalar.Value!)
                    : JsonValue.Create(scalar.Value);
            default:
                throw new YamlException(node.Start, node.End, $"a {node.NodeType} cannot be read as {info.Type.Name}");
        }
    }

    /// <summary>Numbers and booleans: their plain YAML text is their JSON text.</summary>
    private static bool IsJsonLiteral(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t &&
        (t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(float) || t == typeof(decimal));
}
