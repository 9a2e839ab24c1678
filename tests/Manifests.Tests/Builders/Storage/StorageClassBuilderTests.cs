using Ipfs.Manifests.Builders.Storage;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Crds.Snapshot;
using Ipfs.Manifests.Spec;
using k8s.Models;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.Storage;

/// <summary>The StorageClasses and VolumeSnapshotClass of every platform, parameter by parameter.</summary>
public class StorageClassBuilderTests
{
    private static ClusterSpec Prod(Func<StorageSpec, StorageSpec> change) =>
        TestSpecs.Prod with { Storage = change(TestSpecs.Prod.Storage) };

    private static V1StorageClass DataClass(ClusterSpec spec) => StorageClassBuilder.Build(spec).Single(c => c.Metadata.Name == spec.Storage.ClassName);

    private static V1StorageClass BackupClass(ClusterSpec spec) => StorageClassBuilder.Build(spec).Single(c => c.Metadata.Name == spec.Storage.Backup.ClassName);

    private static Dictionary<string, string> P(params string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private const string GkeKey = "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k";
    private const string AwsKey = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string AzureKey = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/diskEncryptionSets/des";

    public static TheoryData<string, ClusterSpec, string, Dictionary<string, string>> DataClasses => new()
    {
        { "gke pd-ssd", Prod(s => s), "pd.csi.storage.gke.io", P("type=pd-ssd", "csi.storage.k8s.io/fstype=ext4") },
        { "gke pd-ssd with a customer key and xfs", Prod(s => s with { KmsKeyId = GkeKey, FsType = "xfs" }), "pd.csi.storage.gke.io",
            P("type=pd-ssd", "csi.storage.k8s.io/fstype=xfs", $"disk-encryption-kms-key={GkeKey}") },
        { "gke hyperdisk-balanced", Prod(s => s with { Gke = new("hyperdisk-balanced", 6000, 400) }), "pd.csi.storage.gke.io",
            P("type=hyperdisk-balanced", "provisioned-iops-on-create=6000", "provisioned-throughput-on-create=400Mi", "csi.storage.k8s.io/fstype=ext4") },
        { "aws gp3 baseline", Prod(s => s with { Platform = StoragePlatform.Aws }), "ebs.csi.aws.com",
            P("type=gp3", "encrypted=true", "csi.storage.k8s.io/fstype=ext4") },
        { "aws gp3 with iops, throughput and a key", Prod(s => s with { Platform = StoragePlatform.Aws, Aws = new("gp3", 6000, 500), KmsKeyId = AwsKey }), "ebs.csi.aws.com",
            P("type=gp3", "iops=6000", "throughput=500", "encrypted=true", $"kmsKeyId={AwsKey}", "csi.storage.k8s.io/fstype=ext4") },
        { "aws io2", Prod(s => s with { Platform = StoragePlatform.Aws, Aws = new("io2", 16000, 0) }), "ebs.csi.aws.com",
            P("type=io2", "iops=16000", "encrypted=true", "csi.storage.k8s.io/fstype=ext4") },
        { "aws unencrypted (dev)", Prod(s => s with { Platform = StoragePlatform.Aws, Encrypted = false }), "ebs.csi.aws.com",
            P("type=gp3", "csi.storage.k8s.io/fstype=ext4") },
        { "azure Premium SSD v2 with iops and throughput", Prod(s => s with { Platform = StoragePlatform.Azure, Azure = new("PremiumV2_LRS", 5000, 200) }), "disk.csi.azure.com",
            P("skuName=PremiumV2_LRS", "cachingMode=None", "DiskIOPSReadWrite=5000", "DiskMBpsReadWrite=200", "csi.storage.k8s.io/fstype=ext4") },
        { "azure Premium SSD v2 baseline with a disk encryption set", Prod(s => s with { Platform = StoragePlatform.Azure, KmsKeyId = AzureKey }), "disk.csi.azure.com",
            P("skuName=PremiumV2_LRS", "cachingMode=None", $"diskEncryptionSetID={AzureKey}", "csi.storage.k8s.io/fstype=ext4") },
        { "azure Premium_LRS", Prod(s => s with { Platform = StoragePlatform.Azure, Azure = new("Premium_LRS", 0, 0) }), "disk.csi.azure.com",
            P("skuName=Premium_LRS", "csi.storage.k8s.io/fstype=ext4") },
        { "local-path", TestSpecs.Dev, "rancher.io/local-path", P() },
    };

    [Theory]
    [MemberData(nameof(DataClasses))]
    public void DataClass_HasThePlatformsProvisionerAndParameters(string because, ClusterSpec spec, string provisioner, Dictionary<string, string> parameters)
    {
        Assert.Empty(ClusterSpecLoader.Validate(spec));
        var storageClass = DataClass(spec);

        Assert.Equal(provisioner, storageClass.Provisioner);
        Assert.True(parameters.OrderBy(p => p.Key).SequenceEqual((storageClass.Parameters ?? new Dictionary<string, string>()).OrderBy(p => p.Key)),
            $"{because}: {string.Join(", ", (storageClass.Parameters ?? new Dictionary<string, string>()).Select(p => $"{p.Key}={p.Value}"))}");
    }

    [Theory]
    [MemberData(nameof(DataClasses))]
    public void EveryCreatedClass_BindsOnFirstConsumerAllowsExpansionAndReclaimsPerProfile(string because, ClusterSpec spec, string provisioner, Dictionary<string, string> parameters)
    {
        _ = (because, provisioner, parameters);
        foreach (var storageClass in StorageClassBuilder.Build(spec))
        {
            Assert.Equal("storage.k8s.io/v1", storageClass.ApiVersion);
            Assert.Equal("StorageClass", storageClass.Kind);
            Assert.Null(storageClass.Metadata.NamespaceProperty); // cluster-scoped
            Assert.Equal("WaitForFirstConsumer", storageClass.VolumeBindingMode);
            Assert.True(storageClass.AllowVolumeExpansion);
            Assert.Equal(spec.Profile == Profile.Prod ? "Retain" : "Delete", storageClass.ReclaimPolicy);
            Assert.Equal("ipfs-infra", storageClass.Metadata.Labels["app.kubernetes.io/managed-by"]);
        }
    }

    public static TheoryData<string, ClusterSpec, Dictionary<string, string>> BackupClasses => new()
    {
        { "gke pd-ssd data: pd-standard backups", Prod(s => s), P("type=pd-standard", "csi.storage.k8s.io/fstype=ext4") },
        { "gke hyperdisk data: baseline hyperdisk backups", Prod(s => s with { Gke = new("hyperdisk-balanced", 6000, 400), KmsKeyId = GkeKey }),
            P("type=hyperdisk-balanced", "csi.storage.k8s.io/fstype=ext4", $"disk-encryption-kms-key={GkeKey}") },
        { "aws io2 data: gp3 baseline backups, still encrypted", Prod(s => s with { Platform = StoragePlatform.Aws, Aws = new("io2", 16000, 0), KmsKeyId = AwsKey }),
            P("type=gp3", "encrypted=true", $"kmsKeyId={AwsKey}", "csi.storage.k8s.io/fstype=ext4") },
        { "azure Premium SSD v2 data: Standard SSD backups", Prod(s => s with { Platform = StoragePlatform.Azure, Azure = new("PremiumV2_LRS", 5000, 200) }),
            P("skuName=StandardSSD_LRS", "csi.storage.k8s.io/fstype=ext4") },
    };

    [Theory]
    [MemberData(nameof(BackupClasses))]
    public void BackupClass_IsASeparateCheaperClassOfTheSameDriver(string because, ClusterSpec spec, Dictionary<string, string> parameters)
    {
        var backup = BackupClass(spec);

        Assert.NotEqual(spec.Storage.ClassName, backup.Metadata.Name);
        Assert.Equal(DataClass(spec).Provisioner, backup.Provisioner);
        Assert.Equal(DataClass(spec).ReclaimPolicy, backup.ReclaimPolicy);
        Assert.True(parameters.OrderBy(p => p.Key).SequenceEqual(backup.Parameters.OrderBy(p => p.Key)),
            $"{because}: {string.Join(", ", backup.Parameters.Select(p => $"{p.Key}={p.Value}"))}");
    }

    [Fact]
    public void ExistingPlatform_CreatesNoClassAndUsesTheNamedOne()
    {
        var spec = Prod(s => s with { Platform = StoragePlatform.Existing, ClassName = "premium-rwo", Backup = s.Backup with { ClassName = "standard-rwo" } });

        Assert.Empty(StorageClassBuilder.Build(spec));
        Assert.Null(VolumeSnapshotClassBuilder.Build(spec));
        Assert.All(VolumeClaimsBuilder.NodeClaims(spec), c => Assert.Equal("premium-rwo", c.Spec.StorageClassName));
        Assert.Equal("standard-rwo", VolumeClaimsBuilder.BackupClaim(spec).Spec.StorageClassName);
    }

    [Fact]
    public void LocalPlatformWithBackups_SharesItsOneClass()
    {
        var spec = TestSpecs.Dev with { Storage = TestSpecs.Dev.Storage with { Backup = TestSpecs.Dev.Storage.Backup with { Enabled = true } } };

        var storageClass = Assert.Single(StorageClassBuilder.Build(spec));
        Assert.Equal("ipfs-local-path", storageClass.Metadata.Name);
        Assert.Equal("ipfs-local-path", VolumeClaimsBuilder.BackupClaim(spec).Spec.StorageClassName);
    }

    [Fact]
    public void BackupsOff_CreateNoBackupClass()
    {
        var spec = Prod(s => s with { Backup = s.Backup with { Enabled = false } });

        Assert.Equal(["fast-ssd"], StorageClassBuilder.Build(spec).Select(c => c.Metadata.Name));
    }

    [Theory]
    [InlineData(StoragePlatform.Gke, "pd.csi.storage.gke.io")]
    [InlineData(StoragePlatform.Aws, "ebs.csi.aws.com")]
    [InlineData(StoragePlatform.Azure, "disk.csi.azure.com")]
    public void SnapshotClass_UsesThePlatformsCsiDriver(StoragePlatform platform, string driver)
    {
        var spec = Prod(s => s with { Platform = platform, KmsKeyId = null });

        var snapshotClass = VolumeSnapshotClassBuilder.Build(spec)!;
        Assert.Equal(V1VolumeSnapshotClass.GroupVersion, snapshotClass.ApiVersion);
        Assert.Equal("VolumeSnapshotClass", snapshotClass.Kind);
        Assert.Equal("ipfs-snapshots", snapshotClass.Metadata.Name);
        Assert.Null(snapshotClass.Metadata.NamespaceProperty);
        Assert.Equal(driver, snapshotClass.Driver);
        Assert.Equal(DataClass(spec).Provisioner, snapshotClass.Driver);
        Assert.Equal("Delete", snapshotClass.DeletionPolicy);
        Assert.Null(snapshotClass.Parameters);
    }

    [Fact]
    public void SnapshotClass_TakesTheConfiguredDeletionPolicyAndIsNotBuiltWhenSnapshotsAreOff()
    {
        Assert.Equal("Retain", VolumeSnapshotClassBuilder.Build(Prod(s => s with { Snapshots = s.Snapshots with { DeletionPolicy = "Retain" } }))!.DeletionPolicy);
        Assert.Null(VolumeSnapshotClassBuilder.Build(Prod(s => s with { Snapshots = s.Snapshots with { Enabled = false } })));
        Assert.Null(VolumeSnapshotClassBuilder.Build(TestSpecs.Dev));
    }
}
