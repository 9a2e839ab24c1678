using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Ipfs.Manifests.Crds.Monitoring;

/// <summary>
/// The Prometheus operator's ServiceMonitor (monitoring.coreos.com/v1): scrape the endpoints of
/// the Services its selector matches. Only the fields this project sets are modelled.
/// </summary>
[KubernetesEntity(Group = PodMonitor.Group, Kind = "ServiceMonitor", ApiVersion = "v1", PluralName = "servicemonitors")]
public sealed class ServiceMonitor : IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = PodMonitor.GroupVersion;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "ServiceMonitor";

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>What to scrape.</summary>
    [JsonPropertyName("spec")]
    public ServiceMonitorSpec Spec { get; set; } = new();
}

/// <summary>Spec of a <see cref="ServiceMonitor"/>.</summary>
public sealed class ServiceMonitorSpec
{
    /// <summary>Services whose endpoints are scraped (in the ServiceMonitor's own namespace).</summary>
    [JsonPropertyName("selector")]
    public V1LabelSelector Selector { get; set; } = new();

    /// <summary>Endpoints per Service.</summary>
    [JsonPropertyName("endpoints")]
    public IList<MetricsEndpoint> Endpoints { get; set; } = [];
}
