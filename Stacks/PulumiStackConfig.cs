using System.Text.Json;
using System.Text.Json.Nodes;
using Ipfs.Manifests.Config;
using Pulumi;

namespace Ipfs.Infra.Stacks;

/// <summary>
/// Reads the running stack's config into the same <see cref="StackConfig"/> that render reads from
/// Pulumi.&lt;stack&gt;.yaml, so both go through one loader and one set of checks.
/// </summary>
internal static class PulumiStackConfig
{
    /// <summary>
    /// Reads values through Pulumi's <see cref="Config"/>. Pulumi has no API that lists keys, so
    /// unknown (mistyped) keys, and keys under a near miss of the project namespace, are found in
    /// the config map the language host hands the program (PULUMI_CONFIG), which is where Pulumi's
    /// own Config reads from. Problems go with the loader's, so one run lists them all.
    /// </summary>
    public static StackConfig Read(string stackName)
    {
        var config = new Config(StackConfig.ProjectName);
        var prefix = StackConfig.ProjectName + ":";
        var keys = ConfigSchema.Fields.Select(f => f.TopLevelKey)
            .Concat(EnvironmentKeys("PULUMI_CONFIG", isMap: true))
            .Select(ConfigNamespace.OurName)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);
        var secretKeys = EnvironmentKeys("PULUMI_CONFIG_SECRET_KEYS", isMap: false)
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..])
            .ToHashSet(StringComparer.Ordinal);

        var source = $"Pulumi.{stackName}.yaml";
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var problems = LayoutProblems(source);
        foreach (var key in EnvironmentKeys("PULUMI_CONFIG", isMap: true))
            if (ConfigNamespace.NearMissProblem(source, key) is { } problem && !problems.Any(p => p.Key == key))
                problems.Add(problem);
        foreach (var key in keys)
        {
            var text = config.Get(key);
            if (text is null) continue;
            if (!ConfigSchema.StructuredKeys.Contains(key))
            {
                values[key] = JsonValue.Create(text);
                continue;
            }
            try
            {
                values[key] = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                problems.Add(new ConfigProblem(source, StackConfig.KeyOf(key), secretKeys.Contains(key) || ConfigSchema.SecretCapableKeys.Contains(key) ? "[secret]" : text, "must be an object (a YAML map in the stack file)"));
            }
        }
        return new StackConfig(source, values, secretKeys) { Problems = problems };
    }

    /// <summary>
    /// Pulumi ignores keys outside <c>config:</c> and unknown top-level keys of the stack file, so the
    /// file beside Pulumi.yaml (the program's working folder) is checked for them as render checks it.
    /// </summary>
    private static List<ConfigProblem> LayoutProblems(string stackFile) =>
        File.Exists("Pulumi.yaml") && File.Exists(stackFile) ? [.. StackFileReader.LayoutProblems(stackFile)] : [];

    private static IEnumerable<string> EnvironmentKeys(string variable, bool isMap)
    {
        var json = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(json)) return [];
        using var document = JsonDocument.Parse(json);
        var keys = isMap
            ? document.RootElement.EnumerateObject().Select(p => p.Name).ToList()
            : document.RootElement.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
        // The language host may send "project:config:key"; Pulumi's Config strips ":config:" the same way.
        return keys.Select(k => k.Replace(":config:", ":", StringComparison.Ordinal)).ToList();
    }
}
