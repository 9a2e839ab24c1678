using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Ipfs.Manifests.Crds.Monitoring;

/// <summary>The Prometheus operator's PrometheusRule (monitoring.coreos.com/v1): alerting and recording rule groups.</summary>
[KubernetesEntity(Group = PodMonitor.Group, Kind = "PrometheusRule", ApiVersion = "v1", PluralName = "prometheusrules")]
public sealed class PrometheusRule : IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = PodMonitor.GroupVersion;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "PrometheusRule";

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The rule groups, exactly as in a Prometheus rule file.</summary>
    [JsonPropertyName("spec")]
    public PrometheusRuleSpec Spec { get; set; } = new();
}

/// <summary>Spec of a <see cref="PrometheusRule"/>: the body of a Prometheus rule file.</summary>
public sealed class PrometheusRuleSpec
{
    /// <summary>Rule groups.</summary>
    [JsonPropertyName("groups")]
    public IList<RuleGroup> Groups { get; set; } = [];
}

/// <summary>A named group of rules evaluated together.</summary>
public sealed class RuleGroup
{
    /// <summary>Group name (unique in the file).</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>The rules.</summary>
    [JsonPropertyName("rules")]
    public IList<Rule> Rules { get; set; } = [];
}

/// <summary>An alerting rule.</summary>
public sealed class Rule
{
    /// <summary>Alert name.</summary>
    [JsonPropertyName("alert")]
    public string? Alert { get; set; }

    /// <summary>PromQL expression; every series it returns is an alert.</summary>
    [JsonPropertyName("expr")]
    public string Expr { get; set; } = "";

    /// <summary>How long the expression must hold before the alert fires (Prometheus duration).</summary>
    [JsonPropertyName("for")]
    public string? For { get; set; }

    /// <summary>Labels added to the alert (severity).</summary>
    [JsonPropertyName("labels")]
    public IDictionary<string, string>? Labels { get; set; }

    /// <summary>Annotations (summary, description, runbook); Go templates over $labels and $value.</summary>
    [JsonPropertyName("annotations")]
    public IDictionary<string, string>? Annotations { get; set; }
}
