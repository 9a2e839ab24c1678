using System.Text.Json.Serialization;
using Ipfs.Manifests.Crds.Monitoring;
using Ipfs.Manifests.Crds.Snapshot;

namespace Ipfs.Manifests.Serialization;

/// <summary>
/// Source-generated JSON metadata for the types this library adds to KubernetesClient's models: the
/// custom resources it builds (KubernetesClient.Aot's own context covers every k8s.Models type) and
/// the values the node scripts pass to <c>ipfs config --json</c>.
/// </summary>
[JsonSerializable(typeof(PodMonitor))]
[JsonSerializable(typeof(ServiceMonitor))]
[JsonSerializable(typeof(PrometheusRule))]
[JsonSerializable(typeof(V1VolumeSnapshot))]
[JsonSerializable(typeof(V1VolumeSnapshotClass))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
