using System.Globalization;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Crds.Snapshot;
using Ipfs.Manifests.Serialization;
using Ipfs.Manifests.Spec;
using Ipfs.Manifests.Scripts;
using k8s;

namespace Ipfs.Manifests.Builders.Storage;

/// <summary>
/// The storage jobs' scripts (Manifests/Scripts, POSIX sh as busybox runs it: the ipfs-cluster image
/// is Alpine; the snapshot image has busybox too) and the values they read from their job's
/// environment, so a job changes whenever a setting does.
/// </summary>
public static class StorageScripts
{
    /// <summary>Where the backup volume is mounted.</summary>
    public const string BackupMount = "/backups";

    /// <summary>Folder of the pinset exports on the backup volume.</summary>
    public const string PinsetDirectory = BackupMount + "/pinsets";

    /// <summary>Where the scripts ConfigMap is mounted.</summary>
    public const string ScriptsMount = "/scripts";

    /// <summary>Script key: exports the pinset.</summary>
    public const string BackupScript = "backup-pinset.sh";

    /// <summary>Script key: re-imports a pinset export.</summary>
    public const string RestoreScript = "restore-pinset.sh";

    /// <summary>Script key: snapshots every peer's volumes and prunes old sets.</summary>
    public const string SnapshotScript = "snapshot-volumes.sh";

    /// <summary>How long the snapshot job waits for a new set to become ready to use.</summary>
    public const string SnapshotReadyTimeout = "30m";

    /// <summary>
    /// The REST API address the pinset jobs use: the headless peer Service, whose name resolves to
    /// every peer; ipfs-cluster-ctl tries each address in turn, so one peer being down does not fail a backup.
    /// </summary>
    public static string ApiHost(ClusterSpec spec) =>
        $"/dns/{spec.Names.ServiceDns(spec.Names.PeerService)}/tcp/{Ports.ClusterRestApi}";

    /// <summary>Key of the awk program the restore script parses pinset exports with.</summary>
    public const string PinsetLinesProgram = "pinset-lines.awk";

    /// <summary>Key of the VolumeSnapshot template the snapshot script fills in per claim.</summary>
    public const string SnapshotTemplateFile = "volume-snapshot.yaml";

    /// <summary>The scripts ConfigMap's files for the jobs that are on (none when neither is).</summary>
    public static SortedDictionary<string, string> Files(ClusterSpec spec)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (spec.Storage.Backup.Enabled)
        {
            files[BackupScript] = PodScripts.Read(BackupScript);
            files[RestoreScript] = PodScripts.Read(RestoreScript);
            files[PinsetLinesProgram] = PodScripts.Read(PinsetLinesProgram);
        }
        if (spec.Storage.Snapshots.Enabled)
        {
            files[SnapshotScript] = PodScripts.Read(SnapshotScript);
            files[SnapshotTemplateFile] = ManifestYaml.Serialize(SnapshotTemplate(spec)).TrimEnd('\n') + "\n";
        }
        return files;
    }

    /// <summary>The environment variables <paramref name="script"/> reads its values from.</summary>
    public static IReadOnlyList<(string Name, string Value)> Values(ClusterSpec spec, string script) => script switch
    {
        BackupScript => [("CLUSTER_API", ApiHost(spec)), ("BACKUP_KEEP", Invariant(spec.Storage.Backup.Retain))],
        RestoreScript => [("CLUSTER_API", ApiHost(spec)), ("PINSET_EXPORT", spec.Storage.Restore.PinsetExport)],
        SnapshotScript =>
        [
            ("NAMESPACE", spec.Namespace),
            ("STATEFULSET", spec.Names.StatefulSet),
            ("PEERS", Invariant(spec.Peers)),
            ("CLAIM_TEMPLATES", $"{StatefulSetBuilder.DataVolume} {StatefulSetBuilder.StateVolume}"),
            ("SNAPSHOT_KEEP", Invariant(spec.Storage.Snapshots.Retain)),
            ("SNAPSHOT_READY_TIMEOUT", SnapshotReadyTimeout),
            ("SET_LABEL", StorageNames.SnapshotSetLabel),
            ("CLAIM_LABEL", StorageNames.SnapshotClaimLabel),
        ],
        _ => throw new ArgumentException($"No storage script named '{script}'.", nameof(script)),
    };

    /// <summary>
    /// The VolumeSnapshot the snapshot script creates per claim, as YAML with shell variables
    /// (<c>$claim</c>, <c>$set_id</c>) that the script's here-document fills in.
    /// </summary>
    public static V1VolumeSnapshot SnapshotTemplate(ClusterSpec spec)
    {
        var metadata = ObjectMeta.For(spec, "${claim}-${set_id}", "snapshots");
        metadata.Labels[StorageNames.SnapshotSetLabel] = "${set_id}";
        metadata.Labels[StorageNames.SnapshotClaimLabel] = "${claim}";
        return new V1VolumeSnapshot
        {
            Metadata = metadata,
            Spec = new V1VolumeSnapshotSpec
            {
                Source = new V1VolumeSnapshotSource { PersistentVolumeClaimName = "${claim}" },
                VolumeSnapshotClassName = spec.Storage.Snapshots.ClassName,
            },
        };
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
