using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ipfs.Components;
using Ipfs.Manifests.Config;
using Pulumi;

namespace Ipfs.Plugin;

/// <summary>
/// What the SDK's analyzer leaves out of the schema: descriptions, secret outputs, and plain lists
/// and maps (the analyzer marks their items plain but not the collection, so SDKs would accept an
/// output there). An input that is a stack config key is described from the config schema (what it
/// does, allowed values, per-profile defaults: the config reference's text, so both stay in step);
/// everything else by the summary of its doc comment, read from the components' documentation file
/// (Ipfs.Components.xml, beside the assembly).
/// </summary>
internal static class SchemaAdditions
{
    // Readable text in the committed schema.json: apostrophes stay apostrophes.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Complete(string schemaJson, IEnumerable<Type> components)
    {
        var docs = LoadDocs(typeof(IpfsCluster).Assembly);
        var schema = JsonNode.Parse(schemaJson)!.AsObject();
        var pathsByType = new Dictionary<Type, List<string>>();

        foreach (var component in components)
        {
            var resource = schema["resources"]![IpfsPackage.TokenOf(component)]!.AsObject();
            resource["description"] = docs.Summary(component);
            var argsType = IpfsProvider.ArgsTypeOf(component);
            CollectPaths(argsType, "", pathsByType);
            DescribeInputs(resource["inputProperties"]!.AsObject(), argsType, "", pathsByType, docs);
            foreach (var (name, member) in OutputMembers(component))
            {
                var property = resource["properties"]![name]!;
                property["description"] = docs.Summary(member);
                if (IpfsPackage.SecretOutputs.Contains((component, name))) property["secret"] = true;
            }
        }

        foreach (var (type, paths) in pathsByType)
        {
            var node = schema["types"]![IpfsPackage.TokenOf(type)]!;
            node["description"] = docs.Summary(type);
            DescribeInputs(node["properties"]!.AsObject(), type, paths.Count == 1 ? paths[0] + "." : null, pathsByType, docs);
        }
        return schema.ToJsonString(Indented);
    }

    /// <summary>
    /// Describes the inputs of <paramref name="argsType"/> found at config path <paramref name="prefix"/>
    /// (null: the type is used at several paths, so its inputs get their doc comments, and the
    /// properties that hold it list the defaults beneath them).
    /// </summary>
    private static void DescribeInputs(JsonObject properties, Type argsType, string? prefix, Dictionary<Type, List<string>> pathsByType, Docs docs)
    {
        foreach (var (member, name) in ClusterArgsConfig.InputProperties(argsType))
        {
            var property = properties[name]!;
            var path = prefix + name;
            var field = prefix is null ? null : ConfigSchema.ByPath.GetValueOrDefault(path);
            var shared = pathsByType.TryGetValue(member.PropertyType, out var paths) && paths.Count > 1;
            property["description"] = field is not null ? FieldText(field)
                : shared && prefix is not null ? $"{docs.Summary(member)} {DefaultsBeneath(path)}"
                : docs.Summary(member);
            if ((property["items"] ?? property["additionalProperties"]) is { } element && (bool?)element["plain"] == true)
                property["plain"] = true;
        }
    }

    private static string FieldText(ConfigField field)
    {
        var text = $"{field.Description} Allowed: {field.Type.Describe()}.";
        var (dev, prod) = (ConfigReference.Default(field, Profile.Dev), ConfigReference.Default(field, Profile.Prod));
        return field.Required ? text + " Required."
            : dev == prod ? $"{text} Default: {dev} (both profiles)."
            : $"{text} Default: {dev} (dev), {prod} (prod).";
    }

    private static string DefaultsBeneath(string path) =>
        "Defaults (dev / prod): " + string.Join(", ", ConfigSchema.Fields
            .Where(f => f.Path.StartsWith(path + ".", StringComparison.Ordinal))
            .Select(f => $"{f.Path[(path.Length + 1)..]} {ConfigReference.Default(f, Profile.Dev)} / {ConfigReference.Default(f, Profile.Prod)}")) + ".";

    private static void CollectPaths(Type argsType, string prefix, Dictionary<Type, List<string>> pathsByType)
    {
        foreach (var (member, name) in ClusterArgsConfig.InputProperties(argsType))
        {
            if (!typeof(ResourceArgs).IsAssignableFrom(member.PropertyType)) continue;
            var path = prefix + name;
            if (!pathsByType.TryGetValue(member.PropertyType, out var paths)) pathsByType[member.PropertyType] = paths = [];
            paths.Add(path);
            CollectPaths(member.PropertyType, path + ".", pathsByType);
        }
    }

    private static IEnumerable<(string Name, PropertyInfo Member)> OutputMembers(Type component) =>
        from property in component.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        from attribute in property.GetCustomAttributesData()
        where attribute.AttributeType == typeof(OutputAttribute)
        select ((string)attribute.ConstructorArguments[0].Value!, property);

    private static Docs LoadDocs(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(path))
            throw new FileNotFoundException($"The documentation file of {assembly.GetName().Name} is missing beside it ({path}); the schema's descriptions come from it.", path);
        return new Docs(System.Xml.Linq.XDocument.Load(path));
    }

}
