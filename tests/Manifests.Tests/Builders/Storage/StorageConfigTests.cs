using Ipfs.Manifests.Config;
using Ipfs.Manifests.Spec;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.Storage;

/// <summary>
/// The storage.* keys: profile defaults, every key read from a stack file, and every combination that
/// cannot work refused with file, key, value and what is allowed, all problems in one run.
/// </summary>
public sealed class StorageConfigTests : IDisposable
{
    private const string FileName = "Pulumi.test.yaml";
    private readonly TempStackFile _stackFile = new(FileName);

    public void Dispose() => _stackFile.Dispose();

    /// <summary>A stack file of <paramref name="profile"/> with <paramref name="storageLines"/> under ipfs-infra:storage.</summary>
    internal static string Stack(string profile, params string[] storageLines) =>
        $"config:\n  ipfs-infra:profile: {profile}\n" +
        (storageLines.Length == 0 ? "" : "  ipfs-infra:storage:\n" + string.Concat(storageLines.Select(l => "    " + l + "\n")));

    private ClusterSpec Load(string yaml) => _stackFile.Load(yaml);

    private ConfigValidationException LoadFails(string yaml) => Assert.Throws<ConfigValidationException>(() => Load(yaml));

    // ---------------------------------------------------------------------------------------
    // Defaults.
    // ---------------------------------------------------------------------------------------

    [Fact]
    public void DevDefaultsAreLocalPathTenGibDeleteReclaimAndNoBackupsOrSnapshots()
    {
        var s = ClusterSpecDefaults.For(Profile.Dev).Storage;

        Assert.Equal(StoragePlatform.Local, s.Platform);
        Assert.Equal(("ipfs-local-path", "10Gi", "1Gi", "Delete"), (s.ClassName, s.DataSize, s.StateSize, s.ReclaimPolicy));
        Assert.False(s.Encrypted);
        Assert.False(s.Backup.Enabled);
        Assert.False(s.Snapshots.Enabled);
        Assert.Null(s.Restore.SnapshotSet);
        Assert.Equal(RestoreSpec.Latest, s.Restore.PinsetExport);
        Assert.False(s.Migration.RecreateClaims);
    }

    [Fact]
    public void ProdDefaultsAreHundredGibFastSsdRetainEncryptedWithBackupsAndSnapshots()
    {
        var s = ClusterSpecDefaults.For(Profile.Prod).Storage;

        Assert.Equal(StoragePlatform.Gke, s.Platform);
        Assert.Equal(("fast-ssd", "100Gi", "10Gi", "Retain"), (s.ClassName, s.DataSize, s.StateSize, s.ReclaimPolicy));
        Assert.True(s.Encrypted);
        Assert.Equal(new GkeDiskSpec("pd-ssd", 0, 0), s.Gke);
        Assert.Equal(new BackupSpec(true, "30 2 * * *", 14, "20Gi", "ipfs-backup"), s.Backup);
        Assert.Equal(new SnapshotSpec(true, "0 */6 * * *", 28, "ipfs-snapshots", "Delete", StorageSpec.DefaultSnapshotImage), s.Snapshots);
        Assert.NotEqual(s.ClassName, s.Backup.ClassName);
    }

    [Fact]
    public void EveryStorageKeyIsReadFromTheStackFile()
    {
        var s = Load(Stack("prod",
            "platform: aws",
            "className: ebs-io2",
            "dataSize: 500Gi",
            "stateSize: 20Gi",
            "reclaimPolicy: Delete",
            "fsType: xfs",
            "encrypted: true",
            "kmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "aws:",
            "  volumeType: io2",
            "  iops: 16000",
            "backup:",
            "  enabled: true",
            "  schedule: '15 3 * * 1-5'",
            "  retain: 30",
            "  size: 50Gi",
            "  className: ebs-backup",
            "snapshots:",
            "  enabled: true",
            "  schedule: '0 */4 * * *'",
            "  retain: 42",
            "  className: ebs-snapshots",
            "  deletionPolicy: Retain",
            "  image: alpine/k8s:1.33.4",
            "restore:",
            "  snapshotSet: 20250301-020000",
            "  pinsetExport: pinset-20250301-023000.json",
            "migration:",
            "  recreateClaims: true")).Storage;

        Assert.Equal(StoragePlatform.Aws, s.Platform);
        Assert.Equal(("ebs-io2", "500Gi", "20Gi", "Delete", "xfs"), (s.ClassName, s.DataSize, s.StateSize, s.ReclaimPolicy, s.FsType));
        Assert.True(s.Encrypted);
        Assert.Equal("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", s.KmsKeyId);
        Assert.Equal(new AwsVolumeSpec("io2", 16000, 0), s.Aws);
        Assert.Equal(new BackupSpec(true, "15 3 * * 1-5", 30, "50Gi", "ebs-backup"), s.Backup);
        Assert.Equal(new SnapshotSpec(true, "0 */4 * * *", 42, "ebs-snapshots", "Retain", "alpine/k8s:1.33.4"), s.Snapshots);
        Assert.Equal(new RestoreSpec("20250301-020000", "pinset-20250301-023000.json"), s.Restore);
        Assert.True(s.Migration.RecreateClaims);
    }

    public static TheoryData<string[]> GoodCombinations => new()
    {
        { ["platform: gke", "gke:", "  diskType: hyperdisk-balanced", "  provisionedIops: 6000", "  provisionedThroughput: 400"] },
        { ["platform: gke", "kmsKeyId: projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k"] },
        { ["platform: aws", "aws:", "  iops: 6000", "  throughput: 500"] },
        { ["platform: aws", "aws:", "  throughput: 750"] },
        { ["platform: azure", "azure:", "  diskIOPSReadWrite: 5000", "  diskMBpsReadWrite: 200"] },
        { ["platform: azure", "azure:", "  skuName: Premium_LRS", "kmsKeyId: /subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/diskEncryptionSets/des"] },
        { ["platform: existing", "className: premium-rwo", "backup:", "  className: premium-rwo"] },
        { ["platform: gke", "snapshots:", "  enabled: false", "  retain: 0", "backup:", "  enabled: false", "  retain: 0"] },
        { ["platform: gke", "backup:", "  schedule: '*/30 0-6,22-23 ? JAN-MAR mon-fri'"] },
    };

    [Theory]
    [MemberData(nameof(GoodCombinations))]
    public void CombinationsThatWork_Load(string[] storageLines)
    {
        var spec = Load(Stack("prod", storageLines));

        Assert.Empty(ClusterSpecLoader.Validate(spec));
    }

    // ---------------------------------------------------------------------------------------
    // Refusals: every row fails naming the file, the key and the value, and says what is allowed.
    // ---------------------------------------------------------------------------------------

    public static TheoryData<string, string, string[], string[]> BadStorage => new()
    {
        { "unknown platform", "dev", ["platform: openstack"], ["ipfs-infra:storage.platform = openstack", "must be one of gke, aws, azure, local, existing"] },
        { "platform existing without a class name", "dev", ["platform: existing", "className: ''"],
            ["ipfs-infra:storage.className = \"\"", "must name the existing StorageClass the volumes use"] },
        { "a created class without a name", "prod", ["className: ''"], ["ipfs-infra:storage.className = \"\"", "must name the StorageClass to create"] },
        { "class name in upper case", "dev", ["className: Fast_SSD"], ["ipfs-infra:storage.className = Fast_SSD", "must be a class name"] },
        { "io2 without iops", "prod", ["platform: aws", "aws:", "  volumeType: io2"], ["ipfs-infra:storage.aws.iops = 0", "must be set (100..256000) with storage.aws.volumeType io2"] },
        { "io2 with throughput", "prod", ["platform: aws", "aws:", "  volumeType: io2", "  iops: 5000", "  throughput: 500"],
            ["ipfs-infra:storage.aws.throughput = 500", "applies only to gp3"] },
        { "io2 iops beyond 1000 per GiB", "prod", ["platform: aws", "dataSize: 10Gi", "aws:", "  volumeType: io2", "  iops: 20000"],
            ["ipfs-infra:storage.aws.iops = 20000", "1000 IOPS per GiB: at most 10000"] },
        { "gp3 iops below its baseline", "prod", ["platform: aws", "aws:", "  iops: 1000"], ["ipfs-infra:storage.aws.iops = 1000", "must be 3000..80000 for gp3"] },
        { "gp3 throughput above iops/4", "prod", ["platform: aws", "aws:", "  throughput: 1000"],
            ["ipfs-infra:storage.aws.throughput = 1000", "at most storage.aws.iops / 4 for gp3 (750 MiB/s for 3000 IOPS)"] },
        { "gp3 throughput below its baseline", "prod", ["platform: aws", "aws:", "  throughput: 100"], ["ipfs-infra:storage.aws.throughput = 100", "125..2000"] },
        { "hyperdisk without iops and throughput", "prod", ["gke:", "  diskType: hyperdisk-balanced"],
            ["ipfs-infra:storage.gke.provisionedIops = 0", "must be set (3000..160000) with storage.gke.diskType hyperdisk-balanced",
             "ipfs-infra:storage.gke.provisionedThroughput = 0", "must be set (140..2400)"] },
        { "hyperdisk iops below its minimum", "prod", ["gke:", "  diskType: hyperdisk-balanced", "  provisionedIops: 100", "  provisionedThroughput: 140"],
            ["ipfs-infra:storage.gke.provisionedIops = 100", "must be 3000..160000"] },
        { "pd-ssd with provisioned iops", "prod", ["gke:", "  provisionedIops: 5000"], ["ipfs-infra:storage.gke.provisionedIops = 5000", "applies only to hyperdisk-balanced"] },
        { "Premium_LRS with iops", "prod", ["platform: azure", "azure:", "  skuName: Premium_LRS", "  diskIOPSReadWrite: 5000"],
            ["ipfs-infra:storage.azure.diskIOPSReadWrite = 5000", "applies only to PremiumV2_LRS"] },
        { "Premium SSD v2 throughput below its baseline", "prod", ["platform: azure", "azure:", "  diskMBpsReadWrite: 50"],
            ["ipfs-infra:storage.azure.diskMBpsReadWrite = 50", "125..1200"] },
        { "aws settings on gke", "prod", ["aws:", "  iops: 4000"], ["ipfs-infra:storage.aws.iops = 4000", "applies only to storage.platform aws, but the platform is gke"] },
        { "azure settings on local", "dev", ["azure:", "  diskMBpsReadWrite: 200"], ["ipfs-infra:storage.azure.diskMBpsReadWrite = 200", "but the platform is local"] },
        { "gke settings on existing", "dev", ["platform: existing", "gke:", "  provisionedThroughput: 200"], ["ipfs-infra:storage.gke.provisionedThroughput = 200", "but the platform is existing"] },
        { "encryption on local-path", "dev", ["encrypted: true"], ["ipfs-infra:storage.encrypted = true", "local-path volumes are plain node folders"] },
        { "prod on local-path keeps encryption on", "prod", ["platform: local", "className: local-path", "backup:", "  className: local-path", "snapshots:", "  enabled: false"],
            ["ipfs-infra:storage.encrypted = true", "cannot be true with storage.platform local"] },
        { "kms key without encryption", "prod", ["encrypted: false", "kmsKeyId: projects/p/locations/l/keyRings/r/cryptoKeys/k"], ["ipfs-infra:storage.kmsKeyId = projects/p/locations/l/keyRings/r/cryptoKeys/k", "needs storage.encrypted true"] },
        { "kms key on existing", "dev", ["platform: existing", "kmsKeyId: key"], ["ipfs-infra:storage.kmsKeyId = key", "applies only to classes created on gke, aws or azure"] },
        { "gke kms key that is not a key name", "prod", ["kmsKeyId: my-key"], ["ipfs-infra:storage.kmsKeyId = my-key", "must be a Cloud KMS key name on gke"] },
        { "aws kms key that is not a key", "prod", ["platform: aws", "kmsKeyId: projects/p/locations/l/keyRings/r/cryptoKeys/k"], ["must be a KMS key on aws"] },
        { "azure kms key that is not a disk encryption set", "prod", ["platform: azure", "kmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/x"], ["must be a disk encryption set ID on azure"] },
        { "backups on with retain 0", "prod", ["backup:", "  retain: 0"], ["ipfs-infra:storage.backup.retain = 0", "must be at least 1 when storage.backup.enabled is true"] },
        { "backups on the data class of a cloud platform", "prod", ["backup:", "  className: fast-ssd"],
            ["ipfs-infra:storage.backup.className = fast-ssd", "must differ from storage.className on gke: backups go on a separate, cheaper class"] },
        { "backups on without a class", "prod", ["backup:", "  className: ''"], ["ipfs-infra:storage.backup.className = \"\"", "must name the backup volume's StorageClass"] },
        { "backup schedule of 6 fields", "prod", ["backup:", "  schedule: '0 30 2 * * *'"], ["ipfs-infra:storage.backup.schedule = 0 30 2 * * *", "must be a 5-field cron schedule"] },
        { "backup schedule macro", "prod", ["backup:", "  schedule: '@daily'"], ["ipfs-infra:storage.backup.schedule = @daily", "no @macros"] },
        { "backup schedule hour 24", "prod", ["backup:", "  schedule: '0 24 * * *'"], ["ipfs-infra:storage.backup.schedule = 0 24 * * *", "invalid hour field '24' (0-23)"] },
        { "backup schedule with a time zone", "prod", ["backup:", "  schedule: 'TZ=UTC 0 2 * * *'"], ["ipfs-infra:storage.backup.schedule = TZ=UTC 0 2 * * *"] },
        { "snapshot schedule with step 0", "prod", ["snapshots:", "  schedule: '*/0 * * * *'"], ["ipfs-infra:storage.snapshots.schedule = */0 * * * *", "invalid minute field"] },
        { "snapshot schedule weekday 7", "prod", ["snapshots:", "  schedule: '0 2 * * 7'"], ["invalid day of week field '7'"] },
        { "snapshot schedule reversed range", "prod", ["snapshots:", "  schedule: '0 5-2 * * *'"], ["invalid hour field '5-2'"] },
        { "snapshots on with retain 0", "prod", ["snapshots:", "  retain: 0"], ["ipfs-infra:storage.snapshots.retain = 0", "must be at least 1 when storage.snapshots.enabled is true"] },
        { "snapshots on local-path", "dev", ["snapshots:", "  enabled: true"], ["ipfs-infra:storage.snapshots.enabled = true", "local-path has no CSI snapshots"] },
        { "snapshots on without a class", "prod", ["snapshots:", "  className: ''"], ["ipfs-infra:storage.snapshots.className = \"\"", "must name the VolumeSnapshotClass"] },
        { "snapshot image tagged latest", "prod", ["snapshots:", "  image: alpine/k8s:latest"], ["ipfs-infra:storage.snapshots.image = alpine/k8s:latest"] },
        { "snapshot deletion policy", "prod", ["snapshots:", "  deletionPolicy: Keep"], ["ipfs-infra:storage.snapshots.deletionPolicy = Keep", "must be one of Delete, Retain"] },
        { "restore from local-path", "dev", ["restore:", "  snapshotSet: 20250301-020000"], ["ipfs-infra:storage.restore.snapshotSet = 20250301-020000", "local-path cannot restore"] },
        { "restore set that is not a set name", "prod", ["restore:", "  snapshotSet: yesterday"], ["ipfs-infra:storage.restore.snapshotSet = yesterday", "YYYYMMDD-HHMMSS"] },
        { "restore set that is not a date", "prod", ["restore:", "  snapshotSet: 20251345-020000"], ["ipfs-infra:storage.restore.snapshotSet = 20251345-020000"] },
        { "pinset export that is not an export", "prod", ["restore:", "  pinsetExport: ../../etc/passwd"], ["ipfs-infra:storage.restore.pinsetExport = ../../etc/passwd", "must be latest or the name of a pinset export"] },
        { "reclaim policy Recycle", "prod", ["reclaimPolicy: Recycle"], ["ipfs-infra:storage.reclaimPolicy = Recycle", "must be one of Delete, Retain"] },
        { "filesystem btrfs", "prod", ["fsType: btrfs"], ["ipfs-infra:storage.fsType = btrfs", "must be one of ext4, xfs"] },
        { "data size in GB", "prod", ["dataSize: 100GB"], ["ipfs-infra:storage.dataSize = 100GB", "must be a Kubernetes quantity of bytes"] },
        { "backup size zero", "prod", ["backup:", "  size: 0"], ["ipfs-infra:storage.backup.size = 0"] },
        { "unknown storage key", "prod", ["snapshot:", "  enabled: true"], ["ipfs-infra:storage.snapshot = {\"enabled\":\"true\"}", "did you mean ipfs-infra:storage.snapshots?"] },
    };

    [Theory]
    [MemberData(nameof(BadStorage))]
    public void BadStorageConfig_IsRefusedNamingFileKeyAndValue(string because, string profile, string[] storageLines, string[] expected)
    {
        var error = LoadFails(Stack(profile, storageLines));

        Assert.All(error.Problems, p => Assert.Equal(FileName, p.Source));
        foreach (var text in expected)
            Assert.True(error.Message.Contains(text, StringComparison.Ordinal), $"{because}: expected \"{text}\" in:\n{error.Message}");
        Assert.Contains($"{FileName}: ipfs-infra:storage.", error.Message);
    }

    [Fact]
    public void EveryStorageProblem_IsReportedInOneRun()
    {
        var error = LoadFails(Stack("prod",
            "platform: aws",
            "className: ''",
            "encrypted: false",
            "kmsKeyId: alias/x",
            "aws:",
            "  volumeType: io2",
            "gke:",
            "  provisionedIops: 3000",
            "backup:",
            "  retain: 0",
            "  schedule: '61 * * * *'",
            "snapshots:",
            "  retain: 0",
            "restore:",
            "  snapshotSet: soon"));

        Assert.Equal(
            [
                "ipfs-infra:storage.aws.iops", "ipfs-infra:storage.backup.retain", "ipfs-infra:storage.backup.schedule", "ipfs-infra:storage.className",
                "ipfs-infra:storage.gke.provisionedIops", "ipfs-infra:storage.kmsKeyId", "ipfs-infra:storage.restore.snapshotSet", "ipfs-infra:storage.snapshots.retain",
            ],
            error.Problems.Select(p => p.Key).ToArray());
        Assert.Contains($"({error.Problems.Count} problems)", error.Message);
    }

    [Fact]
    public void StorageRulesAlsoCheckSpecsBuiltInCode()
    {
        var spec = ClusterSpecDefaults.For(Profile.Prod) with
        {
            Storage = ClusterSpecDefaults.For(Profile.Prod).Storage with { Aws = new("io2", 0, 0), Platform = StoragePlatform.Aws },
        };

        var problem = Assert.Single(ClusterSpecLoader.Validate(spec));
        Assert.Equal("ClusterSpec: ipfs-infra:storage.aws.iops = 0: must be set (100..256000) with storage.aws.volumeType io2", problem.ToString());
    }

    [Theory]
    [InlineData("30 2 * * *")]
    [InlineData("*/15 * * * *")]
    [InlineData("0 0 1,15 * ?")]
    [InlineData("0 3 * jan-jun SUN")]
    [InlineData("5-10/2 1-3 1-31 1-12 0-6")]
    public void CronSchedulesKubernetesAccepts_Parse(string schedule)
    {
        var spec = Load(Stack("prod", "backup:", $"  schedule: '{schedule}'"));

        Assert.Equal(schedule, spec.Storage.Backup.Schedule);
    }
}
