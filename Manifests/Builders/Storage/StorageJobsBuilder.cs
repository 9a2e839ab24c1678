using Ipfs.Manifests.Crds.Snapshot;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders.Storage;

/// <summary>
/// The scheduled storage jobs: the pinset backup (and its suspended restore twin) and the volume
/// snapshots with their least-privilege ServiceAccount, Role and RoleBinding. Every job pod runs
/// under the Pod Security Standards "restricted" profile with a read-only root filesystem; only
/// the snapshot job gets a service-account token.
/// </summary>
public static class StorageJobsBuilder
{

    /// <summary>The scripts ConfigMap; null when neither backups nor snapshots are on.</summary>
    public static V1ConfigMap? Scripts(ClusterSpec spec)
    {
        var data = StorageScripts.Files(spec);
        if (data.Count == 0) return null;
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = ObjectMeta.For(spec, StorageNames.Scripts(spec), "storage-scripts"),
            Data = data,
        };
    }

    /// <summary>The CronJob exporting the pinset through the REST API onto the backup volume.</summary>
    public static V1CronJob BackupCronJob(ClusterSpec spec) =>
        CronJob(spec, StorageNames.BackupCronJob(spec), spec.Storage.Backup.Schedule, suspend: null,
            activeDeadlineSeconds: 3600, backoffLimit: 2,
            PinsetPod(spec, StorageScripts.BackupScript, backupReadOnly: false));

    /// <summary>
    /// The pinset restore: a suspended CronJob that never runs on its own. A restore is a job created
    /// from it (<c>kubectl create job --from=cronjob/NAME</c>), re-importing storage.restore.pinsetExport.
    /// </summary>
    public static V1CronJob RestoreCronJob(ClusterSpec spec) =>
        CronJob(spec, StorageNames.RestoreCronJob(spec), spec.Storage.Backup.Schedule, suspend: true,
            activeDeadlineSeconds: 43200, backoffLimit: 0,
            PinsetPod(spec, StorageScripts.RestoreScript, backupReadOnly: true));

    /// <summary>The snapshot job's ServiceAccount (no token unless a pod asks for one).</summary>
    public static V1ServiceAccount SnapshotServiceAccount(ClusterSpec spec) => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = ObjectMeta.For(spec, StorageNames.SnapshotCronJob(spec), "snapshots"),
        AutomountServiceAccountToken = false,
    };

    /// <summary>
    /// Least privilege for the snapshot job, in the cluster's namespace only: create, watch and delete
    /// VolumeSnapshots, and read exactly the node set's claims.
    /// </summary>
    public static V1Role SnapshotRole(ClusterSpec spec) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "Role",
        Metadata = ObjectMeta.For(spec, StorageNames.SnapshotCronJob(spec), "snapshots"),
        Rules =
        [
            new V1PolicyRule
            {
                ApiGroups = [V1VolumeSnapshotClass.Group],
                Resources = ["volumesnapshots"],
                Verbs = ["create", "delete", "get", "list", "watch"],
            },
            new V1PolicyRule
            {
                ApiGroups = [""],
                Resources = ["persistentvolumeclaims"],
                Verbs = ["get"],
                ResourceNames = StorageNames.NodeClaims(spec).ToList(),
            },
        ],
    };

    /// <summary>Binds <see cref="SnapshotRole"/> to <see cref="SnapshotServiceAccount"/>.</summary>
    public static V1RoleBinding SnapshotRoleBinding(ClusterSpec spec) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "RoleBinding",
        Metadata = ObjectMeta.For(spec, StorageNames.SnapshotCronJob(spec), "snapshots"),
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = StorageNames.SnapshotCronJob(spec) },
        Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = StorageNames.SnapshotCronJob(spec), NamespaceProperty = spec.Namespace }],
    };

    /// <summary>The CronJob snapshotting every peer's volumes and pruning old sets.</summary>
    public static V1CronJob SnapshotCronJob(ClusterSpec spec)
    {
        var container = Container(spec, "snapshot", spec.Storage.Snapshots.Image, StorageScripts.SnapshotScript,
            env: [],
            mounts: [new() { Name = "scripts", MountPath = StorageScripts.ScriptsMount, ReadOnlyProperty = true }]);
        var pod = Pod(spec, StorageNames.SnapshotJob, container, [ScriptsVolume(spec)], StorageNames.SnapshotCronJob(spec));
        return CronJob(spec, StorageNames.SnapshotCronJob(spec), spec.Storage.Snapshots.Schedule, suspend: null,
            activeDeadlineSeconds: 3600, backoffLimit: 2, pod);
    }

    private static V1PodTemplateSpec PinsetPod(ClusterSpec spec, string script, bool backupReadOnly)
    {
        var container = Container(spec, "pinset", spec.Images.Cluster, script,
            env:
            [
                new V1EnvVar
                {
                    Name = "CLUSTER_CREDENTIALS",
                    ValueFrom = new V1EnvVarSource
                    {
                        SecretKeyRef = new V1SecretKeySelector { Name = spec.Names.RestApiCredentials, Key = ClusterSecretsBuilder.BasicAuthKey },
                    },
                },
            ],
            mounts:
            [
                new() { Name = "backups", MountPath = StorageScripts.BackupMount, ReadOnlyProperty = backupReadOnly ? true : null },
                new() { Name = "scripts", MountPath = StorageScripts.ScriptsMount, ReadOnlyProperty = true },
            ]);
        return Pod(spec, StorageNames.PinsetJob, container,
        [
            new V1Volume { Name = "backups", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = StorageNames.BackupClaim(spec) } },
            ScriptsVolume(spec),
        ], serviceAccount: null);
    }

    private static V1Volume ScriptsVolume(ClusterSpec spec) =>
        new() { Name = "scripts", ConfigMap = new V1ConfigMapVolumeSource { Name = StorageNames.Scripts(spec) } };

    private static V1Container Container(ClusterSpec spec, string name, string image, string script, List<V1EnvVar> env, List<V1VolumeMount> mounts)
    {
        env.AddRange(StorageScripts.Values(spec, script).Select(v => new V1EnvVar { Name = v.Name, Value = v.Value }));
        env.Add(new V1EnvVar { Name = "HOME", Value = "/tmp" });
        env.Add(new V1EnvVar { Name = "TMPDIR", Value = "/tmp" });
        mounts.Add(new V1VolumeMount { Name = "tmp", MountPath = "/tmp" });
        return new V1Container
        {
            Name = name,
            Image = image,
            ImagePullPolicy = "IfNotPresent",
            Command = ["/bin/sh", $"{StorageScripts.ScriptsMount}/{script}"],
            Env = env,
            Resources = new V1ResourceRequirements
            {
                Requests = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["cpu"] = new("50m"), ["memory"] = new("64Mi") },
                Limits = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["cpu"] = new("500m"), ["memory"] = new("256Mi") },
            },
            SecurityContext = PodSecurity.Container(),
            VolumeMounts = mounts,
        };
    }

    private static V1PodTemplateSpec Pod(ClusterSpec spec, string job, V1Container container, List<V1Volume> volumes, string? serviceAccount)
    {
        volumes.Add(new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() });
        return new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = StorageNames.JobPodLabels(spec, job) },
            Spec = new V1PodSpec
            {
                ServiceAccountName = serviceAccount,
                AutomountServiceAccountToken = serviceAccount is not null,
                EnableServiceLinks = false,
                RestartPolicy = "Never",
                SecurityContext = PodSecurity.Pod(),
                Containers = [container],
                Volumes = volumes,
            },
        };
    }

    private static V1CronJob CronJob(ClusterSpec spec, string name, string schedule, bool? suspend, long activeDeadlineSeconds, int backoffLimit, V1PodTemplateSpec pod) => new()
    {
        ApiVersion = "batch/v1",
        Kind = "CronJob",
        Metadata = ObjectMeta.For(spec, name, "storage"),
        Spec = new V1CronJobSpec
        {
            Schedule = schedule,
            TimeZone = "Etc/UTC",
            Suspend = suspend,
            ConcurrencyPolicy = "Forbid",
            StartingDeadlineSeconds = 3600,
            SuccessfulJobsHistoryLimit = 3,
            FailedJobsHistoryLimit = 3,
            JobTemplate = new V1JobTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new SortedDictionary<string, string>(pod.Metadata.Labels, StringComparer.Ordinal) },
                Spec = new V1JobSpec
                {
                    BackoffLimit = backoffLimit,
                    ActiveDeadlineSeconds = activeDeadlineSeconds,
                    Template = pod,
                },
            },
        },
    };
}
