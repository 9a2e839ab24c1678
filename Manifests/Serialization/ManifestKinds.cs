using System.Reflection;
using Ipfs.Manifests.Crds.Monitoring;
using Ipfs.Manifests.Crds.Snapshot;
using k8s.Models;

namespace Ipfs.Manifests.Serialization;

/// <summary>
/// Every kind this library builds, by apiVersion and kind, for reading rendered YAML back into
/// objects (<see cref="ManifestYaml.LoadAll"/>). A builder that starts producing another kind adds it here.
/// </summary>
public static class ManifestKinds
{
    /// <summary>The model types, Kubernetes' own and this library's custom resources.</summary>
    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(V1Namespace), typeof(V1Secret), typeof(V1ConfigMap), typeof(V1Service), typeof(V1StatefulSet),
        typeof(V1PodDisruptionBudget), typeof(V1NetworkPolicy), typeof(V1Ingress), typeof(V1StorageClass),
        typeof(V1PersistentVolumeClaim), typeof(V1CronJob), typeof(V1ServiceAccount), typeof(V1Role),
        typeof(V1RoleBinding), typeof(PodMonitor), typeof(ServiceMonitor), typeof(PrometheusRule),
        typeof(V1VolumeSnapshot), typeof(V1VolumeSnapshotClass),
    ];

    private static readonly Dictionary<string, Type> ByApiVersionAndKind = Types.ToDictionary(Key, StringComparer.Ordinal);

    /// <summary>The type of an apiVersion (e.g. <c>apps/v1</c>) and kind, or null when this library builds no such kind.</summary>
    public static Type? Find(string apiVersion, string kind) => ByApiVersionAndKind.GetValueOrDefault($"{apiVersion}/{kind}");

    private static string Key(Type type)
    {
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{type.Name} has no KubernetesEntity attribute");
        return $"{(entity.Group.Length > 0 ? entity.Group + "/" : "")}{entity.ApiVersion}/{entity.Kind}";
    }
}
