using Ipfs.Components;
using Ipfs.Manifests.Config;
using Pulumi.Experimental;

namespace Ipfs.Plugin;

/// <summary>
/// Checks a construct request's inputs before the component is built. Every input of an exposed
/// component is plain: it decides which objects exist and what they hold, so it must be known now
/// (an output of a resource that is not created yet, as in a preview, is refused rather than
/// awaited) and must not be a secret (it would reach objects that are not Secrets).
/// </summary>
internal static class ConstructInputs
{
    /// <exception cref="IpfsClusterArgsException">Some input is unknown or secret (every one listed).</exception>
    public static void RequireKnownPlainValues(string componentType, string name, IReadOnlyDictionary<string, PropertyValue> inputs)
    {
        var source = $"{componentType} \"{name}\"";
        var problems = new List<ConfigProblem>();
        foreach (var (key, value) in inputs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            Check(source, "args." + key, value, problems);
        if (problems.Count > 0) throw new IpfsClusterArgsException(problems);
    }

    private static void Check(string source, string path, PropertyValue value, List<ConfigProblem> problems)
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
        if (value.TryGetArray(out var items))
        {
            for (var i = 0; i < items.Length; i++) Check(source, $"{path}[{i}]", items[i], problems);
        }
        else if (value.TryGetMap(out var map))
        {
            foreach (var (key, item) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal)) Check(source, $"{path}.{key}", item, problems);
        }
    }
}
