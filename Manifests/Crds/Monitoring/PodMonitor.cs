using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Ipfs.Manifests.Crds.Monitoring;

/// <summary>
/// The Prometheus operator's PodMonitor (monitoring.coreos.com/v1): scrape named container ports
/// of the pods its selector matches. Only the fields this project sets are modelled.
/// </summary>
[KubernetesEntity(Group = Group, Kind = "PodMonitor", ApiVersion = "v1", PluralName = "podmonitors")]
public sealed class PodMonitor : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>API group of the Prometheus operator's kinds.</summary>
    public const string Group = "monitoring.coreos.com";

    /// <summary>apiVersion of the operator's v1 kinds.</summary>
    public const string GroupVersion = Group + "/v1";

    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = GroupVersion;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "PodMonitor";

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>What to scrape.</summary>
    [JsonPropertyName("spec")]
    public PodMonitorSpec Spec { get; set; } = new();
}

/// <summary>Spec of a <see cref="PodMonitor"/>.</summary>
public sealed class PodMonitorSpec
{
    /// <summary>Pods to scrape (in the PodMonitor's own namespace).</summary>
    [JsonPropertyName("selector")]
    public V1LabelSelector Selector { get; set; } = new();

    /// <summary>Endpoints per pod.</summary>
    [JsonPropertyName("podMetricsEndpoints")]
    public IList<MetricsEndpoint> PodMetricsEndpoints { get; set; } = [];
}

/// <summary>One scrape endpoint of a PodMonitor or ServiceMonitor.</summary>
public sealed class MetricsEndpoint
{
    /// <summary>Name of the container port (PodMonitor) or Service port (ServiceMonitor).</summary>
    [JsonPropertyName("port")]
    public string? Port { get; set; }

    /// <summary>HTTP path of the metrics.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>http or https.</summary>
    [JsonPropertyName("scheme")]
    public string? Scheme { get; set; }

    /// <summary>Scrape interval (Prometheus duration).</summary>
    [JsonPropertyName("interval")]
    public string? Interval { get; set; }
}
