using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Crds.Snapshot;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders.Storage;

/// <summary>
/// The node set's volume claims as explicit objects, one per ordinal and template, named exactly as
/// the StatefulSet names them (<c>data-ipfs-0</c>, <c>state-ipfs-0</c>, ...), plus the backup claim.
/// The StatefulSet finds them and never uses its own claim templates, which therefore stay constant
/// (<see cref="TemplateSize"/>): a StatefulSet's templates are immutable, a claim's size is not, so
/// growing a volume is an in-place expansion of these claims and never replaces the StatefulSet.
/// </summary>
public static class VolumeClaimsBuilder
{
    /// <summary>
    /// Annotations that keep GitOps tools from deleting a claim that is no longer rendered (after a
    /// scale-down) or when the application is removed: volumes are only ever deleted by a person.
    /// </summary>
    public static IReadOnlyDictionary<string, string> KeepAnnotations { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["argocd.argoproj.io/sync-options"] = "Prune=false,Delete=false",
        ["kustomize.toolkit.fluxcd.io/prune"] = "disabled",
    };

    /// <summary>
    /// Size in the StatefulSet's claim template <paramref name="template"/>: the profile's default,
    /// whatever the stack sets, so the (immutable) template never changes when a volume grows. The
    /// template is only a fallback: every claim exists as an explicit object before its pod.
    /// </summary>
    public static string TemplateSize(ClusterSpec spec, string template)
    {
        var path = template == StatefulSetBuilder.DataVolume ? "storage.dataSize" : "storage.stateSize";
        return ConfigSchema.ByPath[path].DefaultFor(spec.Profile)!.GetValue<string>();
    }

    /// <summary>Every node claim, ordinal by ordinal (data, then state).</summary>
    public static IReadOnlyList<V1PersistentVolumeClaim> NodeClaims(ClusterSpec spec)
    {
        var claims = new List<V1PersistentVolumeClaim>(spec.Peers * 2);
        for (var i = 0; i < spec.Peers; i++)
        {
            claims.Add(NodeClaim(spec, StorageNames.DataClaim(spec, i), spec.Storage.DataSize));
            claims.Add(NodeClaim(spec, StorageNames.StateClaim(spec, i), spec.Storage.StateSize));
        }
        return claims;
    }

    /// <summary>The backup volume's claim, on the backup class.</summary>
    public static V1PersistentVolumeClaim BackupClaim(ClusterSpec spec) =>
        Claim(spec, StorageNames.BackupClaim(spec), "backup", spec.Storage.Backup.ClassName, spec.Storage.Backup.Size, dataSource: null);

    private static V1PersistentVolumeClaim NodeClaim(ClusterSpec spec, string name, string size) =>
        Claim(spec, name, "node", spec.Storage.ClassName, size,
            spec.Storage.Restore.SnapshotSet is { } set
                ? new V1TypedLocalObjectReference { ApiGroup = V1VolumeSnapshotClass.Group, Kind = "VolumeSnapshot", Name = StorageNames.Snapshot(name, set) }
                : null);

    private static V1PersistentVolumeClaim Claim(ClusterSpec spec, string name, string component, string className, string size, V1TypedLocalObjectReference? dataSource)
    {
        var metadata = ObjectMeta.For(spec, name, component);
        metadata.Annotations = new SortedDictionary<string, string>(KeepAnnotations.ToDictionary(), StringComparer.Ordinal);
        return new V1PersistentVolumeClaim
        {
            ApiVersion = "v1",
            Kind = "PersistentVolumeClaim",
            Metadata = metadata,
            Spec = new V1PersistentVolumeClaimSpec
            {
                AccessModes = ["ReadWriteOnce"],
                StorageClassName = className,
                DataSource = dataSource,
                Resources = new V1VolumeResourceRequirements
                {
                    Requests = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["storage"] = new(size) },
                },
            },
        };
    }
}
