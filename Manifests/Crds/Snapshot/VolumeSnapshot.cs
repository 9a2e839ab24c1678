using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Ipfs.Manifests.Crds.Snapshot;

/// <summary>
/// A CSI VolumeSnapshot (snapshot.storage.k8s.io/v1, namespaced): a request for a point-in-time
/// snapshot of a PersistentVolumeClaim in the same namespace. Only the spec is modelled (status is
/// the snapshot controller's). Follows the kubernetes-csi/external-snapshotter CRD: exactly one of
/// <c>source.persistentVolumeClaimName</c> and <c>source.volumeSnapshotContentName</c>.
/// </summary>
[KubernetesEntity(Group = V1VolumeSnapshotClass.Group, Kind = "VolumeSnapshot", ApiVersion = "v1", PluralName = "volumesnapshots")]
public sealed class V1VolumeSnapshot : IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = V1VolumeSnapshotClass.GroupVersion;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "VolumeSnapshot";

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>What to snapshot and with which class.</summary>
    [JsonPropertyName("spec")]
    public V1VolumeSnapshotSpec Spec { get; set; } = new();
}

/// <summary>Spec of a <see cref="V1VolumeSnapshot"/>.</summary>
public sealed class V1VolumeSnapshotSpec
{
    /// <summary>Where the snapshot comes from (immutable).</summary>
    [JsonPropertyName("source")]
    public V1VolumeSnapshotSource Source { get; set; } = new();

    /// <summary>VolumeSnapshotClass to use; null: the driver's default class. Never empty.</summary>
    [JsonPropertyName("volumeSnapshotClassName")]
    public string? VolumeSnapshotClassName { get; set; }
}

/// <summary>Source of a <see cref="V1VolumeSnapshot"/>: a claim to snapshot, or an existing snapshot content.</summary>
public sealed class V1VolumeSnapshotSource
{
    /// <summary>Claim (in the snapshot's namespace) to take a new snapshot of.</summary>
    [JsonPropertyName("persistentVolumeClaimName")]
    public string? PersistentVolumeClaimName { get; set; }

    /// <summary>Pre-existing VolumeSnapshotContent to represent.</summary>
    [JsonPropertyName("volumeSnapshotContentName")]
    public string? VolumeSnapshotContentName { get; set; }
}
