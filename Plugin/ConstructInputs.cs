using Ipfs.Components;
using Ipfs.Manifests.Config;
using Pulumi;
using Pulumi.Experimental;

namespace Ipfs.Plugin;

/// <summary>
/// Checks a construct request's inputs before the component is built, every problem at once.
/// Every input of an exposed component is plain: it decides which objects exist and what they
/// hold, so it must be known now (an output of a resource that is not created yet, as in a
/// preview, is refused rather than awaited) and must not be a secret (it would reach objects that
/// are not Secrets). A name the args do not have is refused too, as the stack config refuses an
/// unknown key, instead of being dropped.
/// </summary>
internal static class ConstructInputs
{
    /// <exception cref="IpfsClusterArgsException">Some input is unknown, secret or not an input at all.</exception>
    public static void RequireKnownPlainValues(Type argsType, string componentType, string name, IReadOnlyDictionary<string, PropertyValue> inputs)
    {
        var source = $"{componentType} \"{name}\"";
        var problems = new List<ConfigProblem>();
        CheckFields(source, ClusterArgsConfig.InputPrefix, inputs, argsType, problems);
        if (problems.Count > 0) throw new IpfsClusterArgsException(problems);
    }

    private static void CheckFields(string source, string prefix, IReadOnlyDictionary<string, PropertyValue> fields, Type argsType, List<ConfigProblem> problems)
    {
        var inputs = ClusterArgsConfig.InputProperties(argsType).ToDictionary(p => p.Name, p => p.Property.PropertyType, StringComparer.Ordinal);
        foreach (var (key, value) in fields.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (inputs.TryGetValue(key, out var type))
                Check(source, prefix + key, value, Nullable.GetUnderlyingType(type) ?? type, problems);
            else
                problems.Add(new(source, prefix + key, null, $"is not an input (known here: {string.Join(", ", inputs.Keys)})"));
        }
    }

    private static void Check(string source, string path, PropertyValue value, Type type, List<ConfigProblem> problems)
    {
        if (value.IsComputed)
        {
            problems.Add(new(source, path, null,
                "is not known yet (an output of a resource that is not created yet, as in a preview); this input decides which objects exist, so it must be known when the component is constructed"));
            return;
        }
        if (value.IsSecret)
        {
            problems.Add(new(source, path, "[secret]", "is a secret, but no input may be: it would reach objects that are not Secrets; pass a plain value"));
            return;
        }
        if (value.TryGetMap(out var map))
        {
            if (typeof(ResourceArgs).IsAssignableFrom(type))
                CheckFields(source, path + ".", map, type, problems);
            else
                foreach (var (key, item) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    Check(source, $"{path}.{key}", item, typeof(string), problems);
        }
        else if (value.TryGetArray(out var items))
        {
            for (var i = 0; i < items.Length; i++) Check(source, $"{path}[{i}]", items[i], typeof(string), problems);
        }
    }
}
