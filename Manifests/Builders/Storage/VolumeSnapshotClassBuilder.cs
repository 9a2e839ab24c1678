using Ipfs.Manifests.Crds.Snapshot;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders.Storage;

/// <summary>
/// The VolumeSnapshotClass of the platform's CSI driver, created when snapshots are on and the
/// platform has one (GKE, AWS, Azure). local-path has no snapshots; under
/// <see cref="StoragePlatform.Existing"/> the class named by storage.snapshots.className must exist.
/// </summary>
public static class VolumeSnapshotClassBuilder
{
    /// <summary>The class, or null when none is created.</summary>
    public static V1VolumeSnapshotClass? Build(ClusterSpec spec)
    {
        var storage = spec.Storage;
        if (!storage.Snapshots.Enabled) return null;
        var driver = storage.Platform switch
        {
            StoragePlatform.Gke => StorageClassBuilder.GkeDriver,
            StoragePlatform.Aws => StorageClassBuilder.AwsDriver,
            StoragePlatform.Azure => StorageClassBuilder.AzureDriver,
            _ => null,
        };
        if (driver is null) return null;
        return new V1VolumeSnapshotClass
        {
            Metadata = new V1ObjectMeta { Name = storage.Snapshots.ClassName, Labels = ObjectMeta.Labels(spec, "snapshots") },
            Driver = driver,
            DeletionPolicy = storage.Snapshots.DeletionPolicy,
        };
    }
}
