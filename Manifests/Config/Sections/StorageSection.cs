using System.Globalization;
using System.Text.RegularExpressions;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Config;

internal static partial class SpecSections
{
    /// <summary>The storage.* keys as a <see cref="StorageSpec"/>.</summary>
    public static StorageSpec Storage(Func<string, object?> value)
    {
        string Text(string path) => (string)value(path)!;
        int Number(string path) => (int)value(path)!;
        bool Flag(string path) => (bool)value(path)!;
        string? Optional(string path) => value(path) is string { Length: > 0 } text ? text : null;

        return new StorageSpec(Text("storage.className"), Text("storage.dataSize"), Text("storage.stateSize"))
        {
            Platform = Text("storage.platform") switch
            {
                "gke" => StoragePlatform.Gke,
                "aws" => StoragePlatform.Aws,
                "azure" => StoragePlatform.Azure,
                "local" => StoragePlatform.Local,
                _ => StoragePlatform.Existing,
            },
            ReclaimPolicy = Text("storage.reclaimPolicy"),
            FsType = Text("storage.fsType"),
            Encrypted = Flag("storage.encrypted"),
            KmsKeyId = Optional("storage.kmsKeyId"),
            Gke = new(Text("storage.gke.diskType"), Number("storage.gke.provisionedIops"), Number("storage.gke.provisionedThroughput")),
            Aws = new(Text("storage.aws.volumeType"), Number("storage.aws.iops"), Number("storage.aws.throughput")),
            Azure = new(Text("storage.azure.skuName"), Number("storage.azure.diskIOPSReadWrite"), Number("storage.azure.diskMBpsReadWrite")),
            Backup = new(Flag("storage.backup.enabled"), Text("storage.backup.schedule"), Number("storage.backup.retain"),
                Text("storage.backup.size"), Text("storage.backup.className")),
            Snapshots = new(Flag("storage.snapshots.enabled"), Text("storage.snapshots.schedule"), Number("storage.snapshots.retain"),
                Text("storage.snapshots.className"), Text("storage.snapshots.deletionPolicy"), Text("storage.snapshots.image")),
            Restore = new(Optional("storage.restore.snapshotSet"), Text("storage.restore.pinsetExport")),
            Migration = new(Flag("storage.migration.recreateClaims")),
        };
    }

    /// <summary>
    /// Cross-key rules of the storage.* keys: class names that must be given, performance settings a
    /// disk type needs or cannot take, settings of another platform (they would be ignored),
    /// encryption a platform cannot give, backups and snapshots that cannot work.
    /// </summary>
    public static void ValidateStorage(ClusterSpec spec, Action<string, object, string> problem)
    {
        var s = spec.Storage;
        var platform = PlatformName(s.Platform);
        var cloud = s.Platform is StoragePlatform.Gke or StoragePlatform.Aws or StoragePlatform.Azure;

        // Class names.
        if (s.ClassName.Length == 0)
            problem("storage.className", "\"\"", s.Platform == StoragePlatform.Existing
                ? "must name the existing StorageClass the volumes use (platform existing creates none)"
                : "must name the StorageClass to create");
        if (s.Backup.Enabled && s.Backup.ClassName.Length == 0)
            problem("storage.backup.className", "\"\"", "must name the backup volume's StorageClass when storage.backup.enabled is true");
        if (s.Snapshots.Enabled && s.Snapshots.ClassName.Length == 0)
            problem("storage.snapshots.className", "\"\"", "must name the VolumeSnapshotClass when storage.snapshots.enabled is true");

        // Platform settings.
        ValidateGke(s, platform, problem);
        ValidateAws(s, platform, problem);
        ValidateAzure(s, platform, problem);

        // Encryption.
        if (s.Encrypted && s.Platform == StoragePlatform.Local)
            problem("storage.encrypted", "true", "cannot be true with storage.platform local: local-path volumes are plain node folders; encrypt the node disks and set false, or use a cloud platform");
        if (s.KmsKeyId is { } key)
        {
            if (!cloud)
                problem("storage.kmsKeyId", key, $"applies only to classes created on gke, aws or azure, not with storage.platform {platform}");
            else if (!s.Encrypted)
                problem("storage.kmsKeyId", key, "needs storage.encrypted true");
            else if (KmsKeyProblem(s.Platform, key) is { } message)
                problem("storage.kmsKeyId", key, message);
        }

        // Backups.
        if (s.Backup.Enabled && s.Backup.Retain < 1)
            problem("storage.backup.retain", s.Backup.Retain, "must be at least 1 when storage.backup.enabled is true (0 would delete every export)");
        if (s.Backup.Enabled && cloud && s.Backup.ClassName == s.ClassName && s.ClassName.Length > 0)
            problem("storage.backup.className", s.Backup.ClassName,
                $"must differ from storage.className on {platform}: backups go on a separate, cheaper class that this stack creates");

        // Snapshots and restore.
        if (s.Snapshots.Enabled && s.Snapshots.Retain < 1)
            problem("storage.snapshots.retain", s.Snapshots.Retain, "must be at least 1 when storage.snapshots.enabled is true (0 would delete every snapshot)");
        if (s.Snapshots.Enabled && s.Platform == StoragePlatform.Local)
            problem("storage.snapshots.enabled", "true", "cannot be true with storage.platform local: local-path has no CSI snapshots (use storage.backup for pinset exports)");
        if (s.Restore.SnapshotSet is { } set && s.Platform == StoragePlatform.Local)
            problem("storage.restore.snapshotSet", set, "cannot be set with storage.platform local: local-path cannot restore volumes from snapshots");
        // A restore needs only the VolumeSnapshots; they may come from an earlier deployment, so
        // restoring with the snapshot job off is allowed.
    }

    private static void ValidateGke(StorageSpec s, string platform, Action<string, object, string> problem)
    {
        var gke = s.Gke;
        if (s.Platform != StoragePlatform.Gke)
        {
            OtherPlatform("storage.gke.provisionedIops", gke.ProvisionedIops, "gke", platform, problem);
            OtherPlatform("storage.gke.provisionedThroughput", gke.ProvisionedThroughput, "gke", platform, problem);
            return;
        }
        if (gke.DiskType == "hyperdisk-balanced")
        {
            Required("storage.gke.provisionedIops", gke.ProvisionedIops, 3000, 160000, "with storage.gke.diskType hyperdisk-balanced", problem);
            Required("storage.gke.provisionedThroughput", gke.ProvisionedThroughput, 140, 2400, "(MiB/s) with storage.gke.diskType hyperdisk-balanced", problem);
        }
        else
        {
            NotFor("storage.gke.provisionedIops", gke.ProvisionedIops, "hyperdisk-balanced; pd-ssd performance follows the disk size", problem);
            NotFor("storage.gke.provisionedThroughput", gke.ProvisionedThroughput, "hyperdisk-balanced; pd-ssd performance follows the disk size", problem);
        }
    }

    private static void ValidateAws(StorageSpec s, string platform, Action<string, object, string> problem)
    {
        var aws = s.Aws;
        if (s.Platform != StoragePlatform.Aws)
        {
            OtherPlatform("storage.aws.iops", aws.Iops, "aws", platform, problem);
            OtherPlatform("storage.aws.throughput", aws.Throughput, "aws", platform, problem);
            return;
        }
        var gib = PodSizing.Bytes(s.DataSize) / (1024m * 1024m * 1024m);
        if (aws.VolumeType == "io2")
        {
            if (Required("storage.aws.iops", aws.Iops, 100, 256000, "with storage.aws.volumeType io2", problem) && aws.Iops > gib * 1000m)
                problem("storage.aws.iops", aws.Iops, $"is more than io2 allows for storage.dataSize {s.DataSize} (1000 IOPS per GiB: at most {Math.Floor(gib * 1000m).ToString(CultureInfo.InvariantCulture)})");
            NotFor("storage.aws.throughput", aws.Throughput, "gp3; io2 throughput follows its IOPS", problem);
            return;
        }
        if (aws.Iops > 0 && (aws.Iops < 3000 || aws.Iops > 80000))
            problem("storage.aws.iops", aws.Iops, "must be 3000..80000 for gp3 (or 0 for the 3000 IOPS baseline)");
        else if (aws.Iops > gib * 500m && aws.Iops > 3000)
            problem("storage.aws.iops", aws.Iops, $"is more than gp3 allows for storage.dataSize {s.DataSize} (500 IOPS per GiB: at most {Math.Floor(gib * 500m).ToString(CultureInfo.InvariantCulture)})");
        if (aws.Throughput > 0 && (aws.Throughput < 125 || aws.Throughput > 2000))
            problem("storage.aws.throughput", aws.Throughput, "must be 125..2000 MiB/s for gp3 (or 0 for the 125 MiB/s baseline)");
        else if (aws.Throughput > 0)
        {
            var iops = aws.Iops > 0 ? aws.Iops : 3000;
            if (aws.Throughput * 4 > iops)
                problem("storage.aws.throughput", aws.Throughput, $"must be at most storage.aws.iops / 4 for gp3 ({iops / 4} MiB/s for {iops} IOPS): raise storage.aws.iops or lower the throughput");
        }
    }

    private static void ValidateAzure(StorageSpec s, string platform, Action<string, object, string> problem)
    {
        var azure = s.Azure;
        if (s.Platform != StoragePlatform.Azure)
        {
            OtherPlatform("storage.azure.diskIOPSReadWrite", azure.DiskIopsReadWrite, "azure", platform, problem);
            OtherPlatform("storage.azure.diskMBpsReadWrite", azure.DiskMbpsReadWrite, "azure", platform, problem);
            return;
        }
        if (azure.SkuName == "Premium_LRS")
        {
            NotFor("storage.azure.diskIOPSReadWrite", azure.DiskIopsReadWrite, "PremiumV2_LRS; Premium_LRS performance follows the disk size", problem);
            NotFor("storage.azure.diskMBpsReadWrite", azure.DiskMbpsReadWrite, "PremiumV2_LRS; Premium_LRS performance follows the disk size", problem);
            return;
        }
        if (azure.DiskIopsReadWrite > 0 && azure.DiskIopsReadWrite < 3000)
            problem("storage.azure.diskIOPSReadWrite", azure.DiskIopsReadWrite, "must be 3000..80000 for PremiumV2_LRS (or 0 for the 3000 IOPS baseline)");
        if (azure.DiskMbpsReadWrite > 0 && azure.DiskMbpsReadWrite < 125)
            problem("storage.azure.diskMBpsReadWrite", azure.DiskMbpsReadWrite, "must be 125..1200 MB/s for PremiumV2_LRS (or 0 for the 125 MB/s baseline)");
    }

    /// <summary>A value a setting needs: reports 0 as missing and values outside [min, max]; true when the value is usable.</summary>
    private static bool Required(string path, int value, int min, int max, string context, Action<string, object, string> problem)
    {
        if (value == 0)
        {
            problem(path, value, $"must be set ({min}..{max}) {context}");
            return false;
        }
        if (value < min || value > max)
        {
            problem(path, value, $"must be {min}..{max} {context}");
            return false;
        }
        return true;
    }

    private static void NotFor(string path, int value, string onlyFor, Action<string, object, string> problem)
    {
        if (value != 0) problem(path, value, $"applies only to {onlyFor}; set 0");
    }

    private static void OtherPlatform(string path, int value, string owner, string platform, Action<string, object, string> problem)
    {
        if (value != 0) problem(path, value, $"applies only to storage.platform {owner}, but the platform is {platform}: it would be ignored; set 0");
    }

    private static string? KmsKeyProblem(StoragePlatform platform, string key) => platform switch
    {
        StoragePlatform.Gke when !GkeKmsKey().IsMatch(key) =>
            "must be a Cloud KMS key name on gke: projects/PROJECT/locations/LOCATION/keyRings/RING/cryptoKeys/KEY",
        StoragePlatform.Aws when !AwsKmsKey().IsMatch(key) =>
            "must be a KMS key on aws: a key ID, a key ARN (arn:aws:kms:...:key/...) or an alias ARN",
        StoragePlatform.Azure when !AzureDiskEncryptionSet().IsMatch(key) =>
            "must be a disk encryption set ID on azure: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.Compute/diskEncryptionSets/NAME",
        _ => null,
    };

    internal static string PlatformName(StoragePlatform platform) => platform.ToString().ToLowerInvariant();

    [GeneratedRegex("^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$")]
    private static partial Regex GkeKmsKey();

    [GeneratedRegex("^(arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$")]
    private static partial Regex AwsKmsKey();

    [GeneratedRegex("^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Compute/diskEncryptionSets/[^/]+$", RegexOptions.IgnoreCase)]
    private static partial Regex AzureDiskEncryptionSet();
}
