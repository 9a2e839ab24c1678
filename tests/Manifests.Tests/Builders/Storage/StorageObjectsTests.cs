using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Builders.Storage;
using Ipfs.Manifests.Crds;
using Ipfs.Manifests.Crds.Snapshot;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Serialization;
using Ipfs.Manifests.Spec;
using Ipfs.Manifests.Tests.Builders.NodeSet;
using k8s;
using k8s.Models;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.Storage;

/// <summary>The storage component's claims, jobs, RBAC and protection decision.</summary>
public class StorageObjectsTests
{
    private static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects(ClusterSpec spec) => ClusterManifest.StorageObjects(spec);

    private static T One<T>(ClusterSpec spec, string name) where T : IKubernetesObject<V1ObjectMeta> =>
        Objects(spec).OfType<T>().Single(o => o.Metadata.Name == name);

    private static ClusterSpec WithStorage(ClusterSpec spec, Func<StorageSpec, StorageSpec> change) => spec with { Storage = change(spec.Storage) };

    // ---------------------------------------------------------------------------------------
    // Volume claims.
    // ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public void EveryOrdinalHasADataAndAStateClaimNamedAsTheStatefulSetNamesThem(int peers)
    {
        var spec = TestSpecs.Prod with { Peers = peers };
        var set = new NodeSetObjects(spec).StatefulSet;

        var expected = Enumerable.Range(0, peers)
            .SelectMany(i => set.Spec.VolumeClaimTemplates.Select(t => $"{t.Metadata.Name}-{set.Metadata.Name}-{i}"))
            .Order();
        var claims = VolumeClaimsBuilder.NodeClaims(spec);
        Assert.Equal(expected, claims.Select(c => c.Metadata.Name).Order());
        Assert.Equal("data-ipfs-0", claims[0].Metadata.Name);
        Assert.All(claims, c =>
        {
            Assert.Equal(spec.Namespace, c.Metadata.NamespaceProperty);
            Assert.Equal(set.Spec.VolumeClaimTemplates[0].Metadata.Labels, c.Metadata.Labels);
            Assert.Equal(["ReadWriteOnce"], c.Spec.AccessModes);
            Assert.Equal("fast-ssd", c.Spec.StorageClassName);
            Assert.Null(c.Spec.DataSource);
        });
    }

    [Fact]
    public void ClaimsCarryTheConfiguredSizesWhileTheStatefulSetTemplatesStayConstant()
    {
        var spec = WithStorage(TestSpecs.Prod, s => s with { DataSize = "400Gi", StateSize = "25Gi" });

        var claims = VolumeClaimsBuilder.NodeClaims(spec);
        Assert.All(claims.Where(c => c.Metadata.Name.StartsWith("data-", StringComparison.Ordinal)), c => Assert.Equal("400Gi", c.Spec.Resources.Requests["storage"].ToString()));
        Assert.All(claims.Where(c => c.Metadata.Name.StartsWith("state-", StringComparison.Ordinal)), c => Assert.Equal("25Gi", c.Spec.Resources.Requests["storage"].ToString()));

        // Growing the volumes leaves the StatefulSet (whose claim templates are immutable) as it was.
        var before = string.Join('\n', new NodeSetObjects(TestSpecs.Prod).StatefulSet.Spec.VolumeClaimTemplates.Select(ManifestJson.Serialize));
        var after = string.Join('\n', new NodeSetObjects(spec).StatefulSet.Spec.VolumeClaimTemplates.Select(ManifestJson.Serialize));
        Assert.Equal(before, after);
    }

    [Fact]
    public void KuboStorageMaxFollowsTheDataVolumeSize()
    {
        var spec = WithStorage(TestSpecs.Prod, s => s with { DataSize = "400Gi" });

        Assert.Contains("*\tDatastore.StorageMax\t\"327680MiB\"\n", new NodeSetObjects(spec).Scripts.Data[NodeScripts.KuboSettingsFile]);
    }

    [Fact]
    public void ClaimsAreNeverPrunedOrDeletedByGitOpsTools()
    {
        var spec = TestSpecs.Prod;

        foreach (var claim in Objects(spec).OfType<V1PersistentVolumeClaim>())
        {
            Assert.Equal("Prune=false,Delete=false", claim.Metadata.Annotations["argocd.argoproj.io/sync-options"]);
            Assert.Equal("disabled", claim.Metadata.Annotations["kustomize.toolkit.fluxcd.io/prune"]);
        }
    }

    [Fact]
    public void RestoreSelectsEachClaimsSnapshotOfTheConfiguredSet()
    {
        var spec = WithStorage(TestSpecs.Prod, s => s with { Restore = s.Restore with { SnapshotSet = "20250301-020000" } });

        foreach (var claim in VolumeClaimsBuilder.NodeClaims(spec))
        {
            Assert.Equal(V1VolumeSnapshotClass.Group, claim.Spec.DataSource.ApiGroup);
            Assert.Equal("VolumeSnapshot", claim.Spec.DataSource.Kind);
            Assert.Equal($"{claim.Metadata.Name}-20250301-020000", claim.Spec.DataSource.Name);
        }
        Assert.Null(VolumeClaimsBuilder.BackupClaim(spec).Spec.DataSource); // the backup volume is never restored over
    }

    [Fact]
    public void BackupClaimIsOnTheBackupClassWithTheBackupSize()
    {
        var claim = VolumeClaimsBuilder.BackupClaim(TestSpecs.Prod);

        Assert.Equal("ipfs-backups", claim.Metadata.Name);
        Assert.Equal("ipfs-backup", claim.Spec.StorageClassName);
        Assert.Equal("20Gi", claim.Spec.Resources.Requests["storage"].ToString());
    }

    // ---------------------------------------------------------------------------------------
    // What each profile builds.
    // ---------------------------------------------------------------------------------------

    [Fact]
    public void DevBuildsItsLocalPathClassAndClaimsOnly()
    {
        var kinds = Objects(TestSpecs.Dev).Select(o => $"{o.Kind}/{o.Metadata.Name}").ToList();

        Assert.Equal(
            ["StorageClass/ipfs-local-path", "PersistentVolumeClaim/data-ipfs-0", "PersistentVolumeClaim/state-ipfs-0", "PersistentVolumeClaim/data-ipfs-1",
             "PersistentVolumeClaim/state-ipfs-1", "PersistentVolumeClaim/data-ipfs-2", "PersistentVolumeClaim/state-ipfs-2"],
            kinds);
    }

    [Fact]
    public void ProdBuildsClassesClaimsBackupsAndSnapshotsInApplyOrder()
    {
        var kinds = Objects(TestSpecs.Prod).Select(o => $"{o.Kind}/{o.Metadata.Name}").ToList();

        Assert.Equal(
            ["StorageClass/fast-ssd", "StorageClass/ipfs-backup", "VolumeSnapshotClass/ipfs-snapshots",
             "PersistentVolumeClaim/data-ipfs-0", "PersistentVolumeClaim/state-ipfs-0", "PersistentVolumeClaim/data-ipfs-1",
             "PersistentVolumeClaim/state-ipfs-1", "PersistentVolumeClaim/data-ipfs-2", "PersistentVolumeClaim/state-ipfs-2",
             "PersistentVolumeClaim/ipfs-backups", "ConfigMap/ipfs-storage-scripts", "CronJob/ipfs-pinset-backup", "CronJob/ipfs-pinset-restore",
             "ServiceAccount/ipfs-volume-snapshots", "Role/ipfs-volume-snapshots", "RoleBinding/ipfs-volume-snapshots", "CronJob/ipfs-volume-snapshots"],
            kinds);
    }

    [Fact]
    public void EveryStorageObjectRoundTripsThroughRenderedYaml()
    {
        var objects = Objects(TestSpecs.Prod);
        var loaded = ManifestYaml.LoadAll(ManifestRenderer.Documents(objects));

        Assert.Equal(objects.Select(o => ManifestJson.Serialize(o)), loaded.Select(o => ManifestJson.Serialize(o)));
        Assert.IsType<V1VolumeSnapshotClass>(loaded[2]);
    }

    [Theory]
    [InlineData(StoragePlatform.Gke)]
    [InlineData(StoragePlatform.Aws)]
    [InlineData(StoragePlatform.Azure)]
    public void SnapshotClass_FitsTheUpstreamCrdSchema(StoragePlatform platform)
    {
        var schema = CrdSchema.V1Schema(CrdSchema.CrdFile("snapshot.storage.k8s.io_volumesnapshotclasses.yaml"));
        var spec = WithStorage(TestSpecs.Prod, s => s with { Platform = platform });

        Assert.Empty(CrdSchema.Problems(VolumeSnapshotClassBuilder.Build(spec)!, schema));
        Assert.Contains(".driver: required but missing", CrdSchema.Problems(new V1VolumeSnapshotClass { Driver = null! }, schema));
        Assert.Contains(".deletionPolicy: 'Keep' is not one of Delete, Retain", CrdSchema.Problems(new V1VolumeSnapshotClass { Driver = "x", DeletionPolicy = "Keep" }, schema));
    }

    // ---------------------------------------------------------------------------------------
    // Backup and restore jobs.
    // ---------------------------------------------------------------------------------------

    [Fact]
    public void BackupCronJob_RunsTheBackupScriptOnScheduleWithTheCredentialsFromTheSecret()
    {
        var spec = WithStorage(TestSpecs.Prod, s => s with { Backup = s.Backup with { Schedule = "15 4 * * *" } });
        var job = One<V1CronJob>(spec, "ipfs-pinset-backup");

        Assert.Equal("15 4 * * *", job.Spec.Schedule);
        Assert.Equal("Etc/UTC", job.Spec.TimeZone);
        Assert.Equal("Forbid", job.Spec.ConcurrencyPolicy);
        Assert.Null(job.Spec.Suspend);
        var pod = job.Spec.JobTemplate.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        Assert.Equal(spec.Images.Cluster, container.Image);
        Assert.Equal(["/bin/sh", "/scripts/backup-pinset.sh"], container.Command);
        var credentials = Assert.Single(container.Env, e => e.Name == "CLUSTER_CREDENTIALS");
        Assert.Null(credentials.Value);
        Assert.Equal(spec.Names.RestApiCredentials, credentials.ValueFrom.SecretKeyRef.Name);
        Assert.Equal(ClusterSecretsBuilder.BasicAuthKey, credentials.ValueFrom.SecretKeyRef.Key);
        Assert.All(container.Env.Where(e => e.Name != "CLUSTER_CREDENTIALS"), e => Assert.Null(e.ValueFrom));
        Assert.Equal("ipfs-backups", pod.Volumes.Single(v => v.Name == "backups").PersistentVolumeClaim.ClaimName);
        Assert.Null(container.VolumeMounts.Single(m => m.Name == "backups").ReadOnlyProperty);
        Assert.False(pod.AutomountServiceAccountToken);
    }

    [Fact]
    public void RestoreCronJob_IsSuspendedAndMountsTheBackupsReadOnly()
    {
        var job = One<V1CronJob>(TestSpecs.Prod, "ipfs-pinset-restore");

        Assert.True(job.Spec.Suspend);
        Assert.Equal(0, job.Spec.JobTemplate.Spec.BackoffLimit);
        var container = Assert.Single(job.Spec.JobTemplate.Spec.Template.Spec.Containers);
        Assert.Equal(["/bin/sh", "/scripts/restore-pinset.sh"], container.Command);
        Assert.True(container.VolumeMounts.Single(m => m.Name == "backups").ReadOnlyProperty);
    }

    [Theory]
    [InlineData("ipfs-pinset-backup")]
    [InlineData("ipfs-pinset-restore")]
    [InlineData("ipfs-volume-snapshots")]
    public void JobPods_AreRestrictedAndNeverSelectedByTheNodeSet(string name)
    {
        var spec = TestSpecs.Prod;
        var template = One<V1CronJob>(spec, name).Spec.JobTemplate.Spec.Template;
        var pod = template.Spec;

        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal(1000, pod.SecurityContext.RunAsUser);
        Assert.Equal(100, pod.SecurityContext.RunAsGroup);
        Assert.Equal(100, pod.SecurityContext.FsGroup);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.Equal("Never", pod.RestartPolicy);
        Assert.False(pod.EnableServiceLinks);
        foreach (var container in pod.Containers)
        {
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
            Assert.True(container.SecurityContext.RunAsNonRoot);
            Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
            Assert.Contains(container.VolumeMounts, m => m.MountPath == "/tmp");
            Assert.NotNull(container.Resources.Limits["memory"]);
        }
        Assert.NotNull(pod.Volumes.Single(v => v.Name == "tmp").EmptyDir);

        // The peer Service, the PodDisruptionBudget and anti-affinity select by these labels.
        var selector = ObjectMeta.SelectorLabels(spec);
        Assert.False(selector.All(kv => template.Metadata.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value));
        Assert.Equal(spec.Name, template.Metadata.Labels["app.kubernetes.io/instance"]);
    }

    [Fact]
    public void NoStorageJobInDevByDefault()
    {
        Assert.Empty(Objects(TestSpecs.Dev).OfType<V1CronJob>());
        Assert.Empty(Objects(TestSpecs.Dev).OfType<V1ConfigMap>());
        Assert.Empty(Objects(TestSpecs.Dev).OfType<V1Role>());
    }

    // ---------------------------------------------------------------------------------------
    // Snapshot job and its RBAC.
    // ---------------------------------------------------------------------------------------

    [Fact]
    public void SnapshotRole_AllowsOnlySnapshotsAndReadingTheNodeClaimsInTheNamespace()
    {
        var spec = TestSpecs.Prod;
        var role = One<V1Role>(spec, "ipfs-volume-snapshots");

        Assert.Equal(spec.Namespace, role.Metadata.NamespaceProperty);
        Assert.Equal(2, role.Rules.Count);
        var snapshots = role.Rules[0];
        Assert.Equal(["snapshot.storage.k8s.io"], snapshots.ApiGroups);
        Assert.Equal(["volumesnapshots"], snapshots.Resources);
        Assert.Equal(["create", "delete", "get", "list", "watch"], snapshots.Verbs);
        Assert.Null(snapshots.ResourceNames);
        var claims = role.Rules[1];
        Assert.Equal([""], claims.ApiGroups);
        Assert.Equal(["persistentvolumeclaims"], claims.Resources);
        Assert.Equal(["get"], claims.Verbs);
        Assert.Equal(["data-ipfs-0", "state-ipfs-0", "data-ipfs-1", "state-ipfs-1", "data-ipfs-2", "state-ipfs-2"], claims.ResourceNames);
        Assert.DoesNotContain(Objects(spec), o => o is V1ClusterRole or V1ClusterRoleBinding);
    }

    [Fact]
    public void SnapshotRoleBinding_BindsTheRoleToTheJobsServiceAccountOnly()
    {
        var spec = TestSpecs.Prod;
        var binding = One<V1RoleBinding>(spec, "ipfs-volume-snapshots");
        var account = One<V1ServiceAccount>(spec, "ipfs-volume-snapshots");
        var job = One<V1CronJob>(spec, "ipfs-volume-snapshots");

        Assert.Equal(("rbac.authorization.k8s.io", "Role", "ipfs-volume-snapshots"), (binding.RoleRef.ApiGroup, binding.RoleRef.Kind, binding.RoleRef.Name));
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", account.Metadata.Name, spec.Namespace), (subject.Kind, subject.Name, subject.NamespaceProperty));
        Assert.False(account.AutomountServiceAccountToken);
        var pod = job.Spec.JobTemplate.Spec.Template.Spec;
        Assert.Equal(account.Metadata.Name, pod.ServiceAccountName);
        Assert.True(pod.AutomountServiceAccountToken);
        Assert.Equal(spec.Storage.Snapshots.Image, pod.Containers[0].Image);
        Assert.Equal(["/bin/sh", "/scripts/snapshot-volumes.sh"], pod.Containers[0].Command);
        Assert.Equal(spec.Storage.Snapshots.Schedule, job.Spec.Schedule);
        Assert.Equal("Forbid", job.Spec.ConcurrencyPolicy);
    }

    [Fact]
    public void SnapshotJobUnderPlatformExisting_UsesTheNamedSnapshotClassAndCreatesNone()
    {
        var spec = WithStorage(TestSpecs.Prod, s => s with
        {
            Platform = StoragePlatform.Existing,
            ClassName = "premium-rwo",
            Backup = s.Backup with { ClassName = "standard-rwo" },
            Snapshots = s.Snapshots with { ClassName = "csi-snapshots" },
        });

        Assert.Empty(Objects(spec).OfType<V1VolumeSnapshotClass>());
        Assert.Contains("volumeSnapshotClassName: csi-snapshots\n", One<V1ConfigMap>(spec, "ipfs-storage-scripts").Data[StorageScripts.SnapshotTemplateFile]);
    }

    [Fact]
    public void ImagesOfTheJobsArePinned()
    {
        Assert.Matches(@"^[a-z0-9./-]+:[0-9][0-9A-Za-z.-]*$", StorageSpec.DefaultSnapshotImage);
        Assert.Equal(Ipfs.Manifests.Config.ConfigSchema.DefaultClusterImage, TestSpecs.Prod.Images.Cluster);
    }

    // ---------------------------------------------------------------------------------------
    // Protection: the decision the Pulumi component registers every object with.
    // ---------------------------------------------------------------------------------------

    public static TheoryData<string, string, bool, bool> Protection => new()
    {
        // profile, object, protect, retainOnDelete
        { "prod", "StorageClass/fast-ssd", true, true },
        { "prod", "StorageClass/ipfs-backup", true, true },
        { "prod", "VolumeSnapshotClass/ipfs-snapshots", true, false },
        { "prod", "PersistentVolumeClaim/data-ipfs-0", false, true },
        { "prod", "PersistentVolumeClaim/ipfs-backups", false, true },
        { "prod", "CronJob/ipfs-pinset-backup", false, false },
        { "prod", "Role/ipfs-volume-snapshots", false, false },
        { "prod", "ConfigMap/ipfs-storage-scripts", false, false },
        { "dev", "StorageClass/ipfs-local-path", false, false },
        { "dev", "PersistentVolumeClaim/state-ipfs-2", false, true },
        { "prod-recreating", "PersistentVolumeClaim/data-ipfs-0", false, false },
        { "prod-recreating", "StorageClass/fast-ssd", true, true },
    };

    [Theory]
    [MemberData(nameof(Protection))]
    public void StorageRetention_ProtectsClassesInProdAndNeverLetsAnEngineDeleteAClaim(string profile, string obj, bool protect, bool retainOnDelete)
    {
        var spec = profile switch
        {
            "dev" => TestSpecs.Dev,
            "prod" => TestSpecs.Prod,
            _ => WithStorage(TestSpecs.Prod, s => s with { Migration = new(RecreateClaims: true) }),
        };
        var target = Objects(spec).Single(o => $"{o.Kind}/{o.Metadata.Name}" == obj);

        Assert.Equal(new StorageKeep(protect, retainOnDelete), StorageRetention.For(target, spec));
    }

    [Fact]
    public void Prerequisites_AreTheClassesScriptsRbacAndBackupClaim()
    {
        var spec = TestSpecs.Prod;

        var prerequisites = Objects(spec).Where(o => StorageRetention.IsPrerequisite(o, spec)).Select(o => $"{o.Kind}/{o.Metadata.Name}");
        Assert.Equal(
            ["StorageClass/fast-ssd", "StorageClass/ipfs-backup", "VolumeSnapshotClass/ipfs-snapshots", "PersistentVolumeClaim/ipfs-backups",
             "ConfigMap/ipfs-storage-scripts", "ServiceAccount/ipfs-volume-snapshots", "Role/ipfs-volume-snapshots", "RoleBinding/ipfs-volume-snapshots"],
            prerequisites);
    }
}
