using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Ipfs.Manifests.Crds.Snapshot;

/// <summary>
/// A CSI VolumeSnapshotClass (snapshot.storage.k8s.io/v1, cluster-scoped): which CSI driver takes
/// snapshots and what deleting a VolumeSnapshot does to the snapshot. Follows the
/// kubernetes-csi/external-snapshotter CRD: <c>driver</c> and <c>deletionPolicy</c> are required.
/// </summary>
[KubernetesEntity(Group = Group, Kind = "VolumeSnapshotClass", ApiVersion = "v1", PluralName = "volumesnapshotclasses")]
public sealed class V1VolumeSnapshotClass : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>API group of the CSI snapshot kinds.</summary>
    public const string Group = "snapshot.storage.k8s.io";

    /// <summary>apiVersion of the v1 snapshot kinds.</summary>
    public const string GroupVersion = Group + "/v1";

    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = GroupVersion;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "VolumeSnapshotClass";

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Delete or Retain: whether deleting a VolumeSnapshot deletes its VolumeSnapshotContent and the snapshot on the storage system.</summary>
    [JsonPropertyName("deletionPolicy")]
    public string DeletionPolicy { get; set; } = "Delete";

    /// <summary>The CSI driver that handles the class, e.g. pd.csi.storage.gke.io.</summary>
    [JsonPropertyName("driver")]
    public string Driver { get; set; } = "";

    /// <summary>Driver-specific parameters (opaque to Kubernetes); null when there are none.</summary>
    [JsonPropertyName("parameters")]
    public IDictionary<string, string>? Parameters { get; set; }
}
