using Ipfs.Manifests.Crds.Snapshot;
using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;

namespace Ipfs.Manifests.Builders.Storage;

/// <summary>How a deployment engine must treat a storage object it manages.</summary>
/// <param name="Protect">Refuse to delete or replace it (Pulumi's protect): prod classes.</param>
/// <param name="RetainOnDelete">When the engine deletes it (removed, replaced, destroyed), leave the object in the cluster.</param>
public sealed record StorageKeep(bool Protect, bool RetainOnDelete);

/// <summary>
/// The protection decision for the storage component's objects, engine-neutral and pure so it is
/// tested directly (Pulumi's mocks cannot observe resource options):
/// <list type="bullet">
/// <item>Volume claims are always retained on delete: neither a scale-down (the removed ordinals'
/// claims stay, like the StatefulSet's own retention policy), nor a replacement (a class or
/// restore-source change fails at the API instead of deleting data), nor a destroy ever deletes a
/// volume. They are not protected: protection would make every scale-down fail. Only
/// storage.migration.recreateClaims lets the engine delete and re-create them.</item>
/// <item>Classes are protected where the stack protects stateful resources (prod), and a Retain class
/// or snapshot class outlives the stack like the volumes and snapshots it keeps.</item>
/// <item>Jobs, their scripts and RBAC are ordinary objects.</item>
/// </list>
/// </summary>
public static class StorageRetention
{
    /// <summary>The decision for <paramref name="obj"/> under <paramref name="spec"/>.</summary>
    public static StorageKeep For(IKubernetesObject<V1ObjectMeta> obj, ClusterSpec spec) => obj switch
    {
        V1PersistentVolumeClaim => new(Protect: false, RetainOnDelete: !spec.Storage.Migration.RecreateClaims),
        V1StorageClass storageClass => new(Protect: spec.Protect, RetainOnDelete: storageClass.ReclaimPolicy == "Retain"),
        V1VolumeSnapshotClass snapshotClass => new(Protect: spec.Protect, RetainOnDelete: snapshotClass.DeletionPolicy == "Retain"),
        _ => new(Protect: false, RetainOnDelete: false),
    };

    /// <summary>
    /// Objects others in the component wait for: classes (a claim's readiness depends on its class's
    /// binding mode), the scripts ConfigMap, RBAC and the backup claim (the CronJobs mount or use them).
    /// </summary>
    public static bool IsPrerequisite(IKubernetesObject<V1ObjectMeta> obj, ClusterSpec spec) => obj switch
    {
        V1StorageClass or V1VolumeSnapshotClass or V1ConfigMap or V1ServiceAccount or V1Role or V1RoleBinding => true,
        V1PersistentVolumeClaim claim => claim.Metadata.Name == StorageNames.BackupClaim(spec),
        _ => false,
    };
}
