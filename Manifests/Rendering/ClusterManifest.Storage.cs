using Ipfs.Manifests.Builders.Storage;
using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;

namespace Ipfs.Manifests.Rendering;

public static partial class ClusterManifest
{
    /// <summary>
    /// The storage component's objects; they depend only on the spec. In apply order: the classes,
    /// every node claim (ordinal by ordinal), then the backup volume, scripts and CronJobs, then the
    /// snapshot job's RBAC and CronJob.
    /// </summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> StorageObjects(ClusterSpec spec)
    {
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        objects.AddRange(StorageClassBuilder.Build(spec));
        if (VolumeSnapshotClassBuilder.Build(spec) is { } snapshotClass) objects.Add(snapshotClass);
        objects.AddRange(VolumeClaimsBuilder.NodeClaims(spec));
        if (spec.Storage.Backup.Enabled) objects.Add(VolumeClaimsBuilder.BackupClaim(spec));
        if (StorageJobsBuilder.Scripts(spec) is { } scripts) objects.Add(scripts);
        if (spec.Storage.Backup.Enabled)
        {
            objects.Add(StorageJobsBuilder.BackupCronJob(spec));
            objects.Add(StorageJobsBuilder.RestoreCronJob(spec));
        }
        if (spec.Storage.Snapshots.Enabled)
        {
            objects.Add(StorageJobsBuilder.SnapshotServiceAccount(spec));
            objects.Add(StorageJobsBuilder.SnapshotRole(spec));
            objects.Add(StorageJobsBuilder.SnapshotRoleBinding(spec));
            objects.Add(StorageJobsBuilder.SnapshotCronJob(spec));
        }
        return objects;
    }
}
