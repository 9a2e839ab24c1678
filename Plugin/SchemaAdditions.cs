using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Ipfs.Components;
using Pulumi;

namespace Ipfs.Plugin;

/// <summary>
/// What the SDK's analyzer leaves out of the schema: descriptions (each resource, type, input and
/// output gets the summary of its doc comment, read from the components' documentation file
/// Ipfs.Components.xml beside the assembly), secret outputs, and plain lists and maps (the
/// analyzer marks their items plain but not the collection, so SDKs would accept an output there).
/// </summary>
internal static class SchemaAdditions
{
    // Readable text in the committed schema.json: apostrophes stay apostrophes.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Complete(string schemaJson, IEnumerable<Type> components)
    {
        var docs = LoadDocs(typeof(IpfsCluster).Assembly);
        var schema = JsonNode.Parse(schemaJson)!.AsObject();
        var types = schema["types"]!.AsObject();
        var typesByToken = new Dictionary<string, Type>(StringComparer.Ordinal);

        foreach (var component in components)
        {
            var resource = schema["resources"]![IpfsPackage.TokenOf(component)]!.AsObject();
            resource["description"] = docs.Summary(component);
            var argsType = IpfsProvider.ArgsTypeOf(component);
            Describe(resource["inputProperties"]!.AsObject(), InputMembers(argsType), docs);
            Describe(resource["properties"]!.AsObject(), OutputMembers(component), docs);
            MarkPlainCollections(resource["inputProperties"]!.AsObject());
            foreach (var (name, _) in OutputMembers(component))
                if (IpfsPackage.SecretOutputs.Contains((component, name)))
                    resource["properties"]![name]!["secret"] = true;
            CollectTypes(argsType, typesByToken);
        }

        foreach (var (token, node) in types)
        {
            var type = typesByToken[token];
            node!["description"] = docs.Summary(type);
            Describe(node["properties"]!.AsObject(), InputMembers(type), docs);
            MarkPlainCollections(node["properties"]!.AsObject());
        }
        return schema.ToJsonString(Indented);
    }

    private static void Describe(JsonObject properties, IEnumerable<(string Name, PropertyInfo Member)> members, Docs docs)
    {
        foreach (var (name, member) in members)
            if (properties[name] is JsonObject property)
                property["description"] = docs.Summary(member);
    }

    private static void MarkPlainCollections(JsonObject properties)
    {
        foreach (var (_, property) in properties)
            if ((property!["items"] ?? property["additionalProperties"]) is { } element && (bool?)element["plain"] == true)
                property["plain"] = true;
    }

    private static IEnumerable<(string Name, PropertyInfo Member)> InputMembers(Type argsType) =>
        ClusterArgsConfig.InputProperties(argsType).Select(p => (p.Name, p.Property));

    private static IEnumerable<(string Name, PropertyInfo Member)> OutputMembers(Type component) =>
        from property in component.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        from attribute in property.GetCustomAttributesData()
        where attribute.AttributeType == typeof(OutputAttribute)
        select ((string)attribute.ConstructorArguments[0].Value!, property);

    private static void CollectTypes(Type argsType, Dictionary<string, Type> byToken)
    {
        foreach (var (_, member) in InputMembers(argsType))
        {
            if (!typeof(ResourceArgs).IsAssignableFrom(member.PropertyType) || !byToken.TryAdd(IpfsPackage.TokenOf(member.PropertyType), member.PropertyType))
                continue;
            CollectTypes(member.PropertyType, byToken);
        }
    }

    private static Docs LoadDocs(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(path))
            throw new FileNotFoundException($"The documentation file of {assembly.GetName().Name} is missing beside it ({path}); the schema's descriptions come from it.", path);
        return new Docs(XDocument.Load(path));
    }

    /// <summary>Doc-comment summaries by member, as plain text (<c>see cref</c> becomes the member's name).</summary>
    private sealed class Docs(XDocument document)
    {
        private readonly Dictionary<string, XElement> _members = document.Descendants("member")
            .ToDictionary(m => (string)m.Attribute("name")!, StringComparer.Ordinal);

        public string? Summary(Type type) => Text($"T:{type.FullName}");

        public string? Summary(PropertyInfo property) => Text($"P:{property.DeclaringType!.FullName}.{property.Name}");

        private string? Text(string id) =>
            _members.TryGetValue(id, out var member) && member.Element("summary") is { } summary
                ? string.Join(' ', string.Concat(summary.Nodes().Select(Plain)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                : null;

        private static string Plain(XNode node) => node switch
        {
            XText text => text.Value,
            XElement { Name.LocalName: "see" or "seealso" } see => ((string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? "").Split('(')[0].Split(':', '.').Last(),
            XElement { Name.LocalName: "paramref" or "typeparamref" } reference => (string?)reference.Attribute("name") ?? "",
            XElement element => string.Concat(element.Nodes().Select(Plain)),
            _ => "",
        };
    }
}
