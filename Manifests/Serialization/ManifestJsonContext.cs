using System.Text.Json.Serialization;
using Ipfs.Manifests.Crds.Monitoring;
using Ipfs.Manifests.Crds.Snapshot;
using k8s.Models;

namespace Ipfs.Manifests.Serialization;

/// <summary>
/// Source-generated JSON metadata for exactly what this library builds: every kind of
/// <see cref="ManifestKinds"/> and the types they reach, and the values the node scripts pass to
/// <c>ipfs config --json</c>. KubernetesClient.Aot's own context covers all of its ~1000 models;
/// rooting only these keeps the native binary (and its compile) to the models a render uses.
/// Options as KubernetesClient's context: nulls omitted, camelCase (every model names its fields).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(V1Namespace))]
[JsonSerializable(typeof(V1Secret))]
[JsonSerializable(typeof(V1ConfigMap))]
[JsonSerializable(typeof(V1Service))]
[JsonSerializable(typeof(V1StatefulSet))]
[JsonSerializable(typeof(V1PodDisruptionBudget))]
[JsonSerializable(typeof(V1NetworkPolicy))]
[JsonSerializable(typeof(V1Ingress))]
[JsonSerializable(typeof(V1StorageClass))]
[JsonSerializable(typeof(V1PersistentVolumeClaim))]
[JsonSerializable(typeof(V1CronJob))]
[JsonSerializable(typeof(V1ServiceAccount))]
[JsonSerializable(typeof(V1Role))]
[JsonSerializable(typeof(V1RoleBinding))]
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
