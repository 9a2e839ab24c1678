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
    /// unknown (mistyped) keys are found in the config map the language host hands the program
    /// (PULUMI_CONFIG), which is where Pulumi's own Config reads from.
    /// </summary>
    public static StackConfig Read(string stackName)
    {
        var config = new Config(StackConfig.ProjectName);
        var prefix = StackConfig.ProjectName + ":";
        var keys = ConfigSchema.Fields.Select(f => f.TopLevelKey)
            .Concat(EnvironmentKeys("PULUMI_CONFIG", isMap: true))
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) || !k.Contains(':'))
            .Select(k => k.StartsWith(prefix, StringComparison.Ordinal) ? k[prefix.Length..] : k)
            .Distinct(StringComparer.Ordinal);
        var secretKeys = EnvironmentKeys("PULUMI_CONFIG_SECRET_KEYS", isMap: false)
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..])
            .ToHashSet(StringComparer.Ordinal);

        var source = $"Pulumi.{stackName}.yaml";
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var problems = new List<ConfigProblem>();
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
                problems.Add(new ConfigProblem(source, StackConfig.KeyOf(key), secretKeys.Contains(key) ? "[secret]" : text, "must be an object (a YAML map in the stack file)"));
            }
        }
        if (problems.Count > 0) throw new ConfigValidationException(problems);
        return new StackConfig(source, values, secretKeys);
    }

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
