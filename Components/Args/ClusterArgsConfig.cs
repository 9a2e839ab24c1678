using System.Reflection;
using System.Text.Json.Nodes;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Spec;
using Pulumi;

namespace Ipfs.Components;

/// <summary>
/// Turns <see cref="IpfsClusterArgs"/> into the stack config the loader reads (input names are the
/// config keys), so args get the profile defaults and every check of a stack file. Problems name
/// the input (<c>args.storage.dataSize</c>) where a stack file names its key.
/// </summary>
internal static class ClusterArgsConfig
{
    /// <summary>How a problem names an input: <c>args.</c> and the dotted path.</summary>
    public const string InputPrefix = "args.";

    /// <summary>The validated spec the args describe; throws <see cref="IpfsClusterArgsException"/> listing every problem.</summary>
    public static ClusterSpec Load(string componentName, IpfsClusterArgs args)
    {
        var source = $"IpfsCluster \"{componentName}\"";
        try
        {
            return ClusterSpecLoader.Load(new StackConfig(source, Values(args), new HashSet<string>()));
        }
        catch (ConfigValidationException e)
        {
            throw new IpfsClusterArgsException(e.Problems.Select(ForInput).ToList());
        }
    }

    /// <summary>The args as stack config values: top-level input name to value, groups as objects.</summary>
    public static IReadOnlyDictionary<string, JsonNode?> Values(ResourceArgs args) =>
        Inputs(args).ToDictionary(i => i.Name, i => (JsonNode?)i.Value, StringComparer.Ordinal);

    /// <summary>Every input of an args type by dotted path, groups included (what the schema offers).</summary>
    public static IEnumerable<(string Path, PropertyInfo Property)> InputPaths(Type argsType, string prefix = "")
    {
        foreach (var (property, name) in InputProperties(argsType))
        {
            var path = prefix + name;
            yield return (path, property);
            if (typeof(ResourceArgs).IsAssignableFrom(property.PropertyType))
                foreach (var nested in InputPaths(property.PropertyType, path + "."))
                    yield return nested;
        }
    }

    private static IEnumerable<(string Name, JsonNode Value)> Inputs(object args)
    {
        foreach (var (property, name) in InputProperties(args.GetType()))
        {
            if (ToNode(property.GetValue(args)) is { } node)
                yield return (name, node);
        }
    }

    /// <summary>The public properties with <see cref="InputAttribute"/>, with their input names (the attribute's first argument).</summary>
    public static IEnumerable<(PropertyInfo Property, string Name)> InputProperties(Type type) =>
        from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        from attribute in property.GetCustomAttributesData()
        where attribute.AttributeType == typeof(InputAttribute)
        select (property, (string)attribute.ConstructorArguments[0].Value!);

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        int i => JsonValue.Create(i),
        bool b => JsonValue.Create(b),
        IDictionary<string, string> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
        IEnumerable<string> list => new JsonArray(list.Select(item => (JsonNode?)JsonValue.Create(item)).ToArray()),
        ResourceArgs group => Inputs(group).ToList() is { Count: > 0 } inputs
            ? new JsonObject(inputs.Select(i => KeyValuePair.Create(i.Name, (JsonNode?)i.Value)))
            : null,
        _ => throw new NotSupportedException($"An input of type {value.GetType().Name} has no config form."),
    };

    private static ConfigProblem ForInput(ConfigProblem problem) => problem with
    {
        Key = InputName(problem.Key),
        Message = problem.Message.Replace(StackConfig.ProjectName + ":", InputPrefix, StringComparison.Ordinal),
    };

    private static string InputName(string key) => key.StartsWith(StackConfig.ProjectName + ":", StringComparison.Ordinal)
        ? InputPrefix + key[(StackConfig.ProjectName.Length + 1)..]
        : key;
}
