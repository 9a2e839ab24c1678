using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Builders.Storage;

/// <summary>Names and labels of the storage component's objects, in one place.</summary>
public static class StorageNames
{
    /// <summary>Label on every VolumeSnapshot the snapshot job takes: the set it belongs to (YYYYMMDD-HHMMSS, UTC).</summary>
    public const string SnapshotSetLabel = "ipfs-infra/snapshot-set";

    /// <summary>Label on every VolumeSnapshot the snapshot job takes: the claim it is a snapshot of.</summary>
    public const string SnapshotClaimLabel = "ipfs-infra/claim";

    /// <summary>
    /// Claim that StatefulSet template <paramref name="template"/> gives ordinal <paramref name="ordinal"/>:
    /// <c>&lt;template&gt;-&lt;statefulset&gt;-&lt;ordinal&gt;</c>, exactly the name the StatefulSet controller looks for.
    /// </summary>
    public static string Claim(ClusterSpec spec, string template, int ordinal) => $"{template}-{spec.Names.StatefulSet}-{ordinal}";

    /// <summary>kubo data claim of ordinal <paramref name="ordinal"/>, e.g. data-ipfs-0.</summary>
    public static string DataClaim(ClusterSpec spec, int ordinal) => Claim(spec, StatefulSetBuilder.DataVolume, ordinal);

    /// <summary>ipfs-cluster state claim of ordinal <paramref name="ordinal"/>, e.g. state-ipfs-0.</summary>
    public static string StateClaim(ClusterSpec spec, int ordinal) => Claim(spec, StatefulSetBuilder.StateVolume, ordinal);

    /// <summary>Every claim of the node set, ordinal by ordinal (data, then state).</summary>
    public static IEnumerable<string> NodeClaims(ClusterSpec spec) =>
        Enumerable.Range(0, spec.Peers).SelectMany(i => new[] { DataClaim(spec, i), StateClaim(spec, i) });

    /// <summary>The backup volume's claim.</summary>
    public static string BackupClaim(ClusterSpec spec) => $"{spec.Name}-backups";

    /// <summary>ConfigMap holding the backup, restore and snapshot scripts.</summary>
    public static string Scripts(ClusterSpec spec) => $"{spec.Name}-storage-scripts";

    /// <summary>CronJob exporting the pinset.</summary>
    public static string BackupCronJob(ClusterSpec spec) => $"{spec.Name}-pinset-backup";

    /// <summary>Suspended CronJob that re-imports a pinset export when a job is created from it.</summary>
    public static string RestoreCronJob(ClusterSpec spec) => $"{spec.Name}-pinset-restore";

    /// <summary>CronJob snapshotting every peer's volumes; also its ServiceAccount, Role and RoleBinding.</summary>
    public static string SnapshotCronJob(ClusterSpec spec) => $"{spec.Name}-volume-snapshots";

    /// <summary>VolumeSnapshot of <paramref name="claim"/> in set <paramref name="set"/>, e.g. data-ipfs-0-20250301-020000.</summary>
    public static string Snapshot(string claim, string set) => $"{claim}-{set}";

    /// <summary>
    /// Labels of the backup, restore and snapshot job pods. Deliberately not the node set's selector
    /// labels: the peer Service, the PodDisruptionBudget and anti-affinity must never select a job pod.
    /// </summary>
    public static SortedDictionary<string, string> JobPodLabels(ClusterSpec spec, string job) => new(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/name"] = job,
        ["app.kubernetes.io/instance"] = spec.Name,
        ["app.kubernetes.io/component"] = "storage",
        ["app.kubernetes.io/part-of"] = "ipfs",
        ["app.kubernetes.io/managed-by"] = ObjectMeta.ManagedBy,
    };

    /// <summary>app.kubernetes.io/name of the pinset backup and restore job pods (they call the REST API on 9094).</summary>
    public const string PinsetJob = "ipfs-pinset";

    /// <summary>app.kubernetes.io/name of the snapshot job pods (they call the Kubernetes API).</summary>
    public const string SnapshotJob = "ipfs-volume-snapshots";
}
