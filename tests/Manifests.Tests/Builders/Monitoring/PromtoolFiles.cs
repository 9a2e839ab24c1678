using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ipfs.Manifests.Builders.Monitoring;
using Ipfs.Manifests.Crds.Monitoring;
using Ipfs.Manifests.Serialization;
using Ipfs.Manifests.Spec;
using k8s;

namespace Ipfs.Manifests.Tests.Builders.Monitoring;

/// <summary>
/// Writes what promtool reads: the rule file (the PrometheusRule's spec, serialised exactly as
/// render serialises it) and a unit-test file generated from <see cref="RuleScenarios"/>.
/// JSON is YAML, so the test file is written as JSON.
/// </summary>
internal static partial class PromtoolFiles
{
    public const string RuleFile = "rules.yaml";
    public const string TestFile = "rules.test.yaml";

    public static string Rules(ClusterSpec spec) => ManifestYaml.Serialize(AlertRulesBuilder.Build(spec).Spec);

    public static string Tests(ClusterSpec spec)
    {
        var rules = AlertRulesBuilder.Rules(spec).ToDictionary(r => r.Alert!, StringComparer.Ordinal);
        var groups = new JsonArray();
        foreach (var scenario in RuleScenarios.For(spec))
        {
            var rule = rules[scenario.Alert];
            var input = new JsonArray(scenario.Input.Select(s => (JsonNode)new JsonObject { ["series"] = s.Selector, ["values"] = s.ValueText }).ToArray());
            var checks = new JsonArray();
            foreach (var check in scenario.Checks)
            {
                var alerts = new JsonArray();
                foreach (var expected in check.Alerts)
                {
                    var labels = new SortedDictionary<string, string>(expected.Labels, StringComparer.Ordinal);
                    foreach (var (k, v) in rule.Labels!) labels[k] = v;
                    alerts.Add(new JsonObject
                    {
                        ["exp_labels"] = Object(labels),
                        ["exp_annotations"] = Object(rule.Annotations!.ToDictionary(a => a.Key, a => Expand(a.Value, expected.Labels, expected.Value))),
                    });
                }
                checks.Add(new JsonObject
                {
                    ["eval_time"] = $"{check.AtMinutes.ToString(CultureInfo.InvariantCulture)}m",
                    ["alertname"] = scenario.Alert,
                    ["exp_alerts"] = alerts,
                });
            }
            groups.Add(new JsonObject { ["interval"] = "1m", ["input_series"] = input, ["alert_rule_test"] = checks });
        }
        var file = new JsonObject
        {
            ["rule_files"] = new JsonArray(RuleFile),
            ["evaluation_interval"] = "1m",
            ["tests"] = groups,
        };
        return file.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>A rule file with each dashboard query as a recording rule, so promtool parses them.</summary>
    public static string DashboardQueriesAsRules(ClusterSpec spec)
    {
        var rules = new JsonArray();
        var i = 0;
        foreach (var (_, expr) in DashboardBuilder.Queries(spec))
            rules.Add(new JsonObject { ["record"] = $"dashboard:query_{i++}", ["expr"] = expr.Replace("$__rate_interval", "5m", StringComparison.Ordinal) });
        return new JsonObject { ["groups"] = new JsonArray(new JsonObject { ["name"] = "dashboard", ["rules"] = rules }) }.ToJsonString();
    }

    private static JsonObject Object(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var obj = new JsonObject();
        foreach (var (k, v) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal)) obj[k] = v;
        return obj;
    }

    /// <summary>
    /// Expands the template actions the rules use, as Prometheus would: <c>{{ $labels.NAME }}</c>
    /// (empty when the label is missing) and <c>{{ $value | printf "%.0f" }}</c>. Any other action
    /// fails, so a new template construct needs a deliberate update here.
    /// </summary>
    public static string Expand(string template, IReadOnlyDictionary<string, string> labels, double value) =>
        Action().Replace(template, m =>
        {
            var body = m.Groups[1].Value;
            if (body.StartsWith("$labels.", StringComparison.Ordinal))
                return labels.TryGetValue(body["$labels.".Length..], out var label) ? label : "";
            if (body == "$value | printf \"%.0f\"")
                return Math.Round(value, MidpointRounding.ToEven).ToString("F0", CultureInfo.InvariantCulture);
            throw new InvalidOperationException($"Unsupported template action {{{{ {body} }}}} in: {template}");
        });

    [GeneratedRegex("\\{\\{\\s*(.*?)\\s*\\}\\}")]
    private static partial Regex Action();
}
