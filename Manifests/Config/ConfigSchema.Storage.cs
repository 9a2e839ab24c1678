using System.Globalization;
using System.Text.RegularExpressions;
using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Config;

public static partial class ConfigSchema
{
    /// <summary>Smallest volume size accepted: a smaller value is a unit mistake (10000m is 10 bytes).</summary>
    public const string VolumeFloor = "1Mi";

    private static IEnumerable<ConfigField> StorageFields() =>
    [
        F("storage.platform", FieldType.OneOf("gke", "aws", "azure", "local", "existing"),
            "Where the volumes live: the fast-SSD StorageClass is created for GKE (pd.csi.storage.gke.io), AWS (ebs.csi.aws.com), Azure (disk.csi.azure.com) or local disks (rancher.io/local-path); existing uses storage.className as it is.", "local", "gke"),
        F("storage.className", StorageClassName,
            "StorageClass of the kubo data and cluster state volumes: created under its name, or (platform existing) an existing class.", "ipfs-local-path", "fast-ssd"),
        F("storage.dataSize", FieldType.Bytes(VolumeFloor), "kubo data volume per peer (Datastore.StorageMax is about 80% of it). Grows in place; never shrinks.", "10Gi", "100Gi"),
        F("storage.stateSize", FieldType.Bytes(VolumeFloor), "ipfs-cluster state volume per peer. Grows in place; never shrinks.", "1Gi", "10Gi"),
        F("storage.reclaimPolicy", FieldType.OneOf("Delete", "Retain"), "What happens to a disk when its claim is deleted (reclaimPolicy of the created classes).", "Delete", "Retain"),
        Same("storage.fsType", FieldType.OneOf("ext4", "xfs"), "Filesystem of the cloud block volumes.", "ext4"),
        F("storage.encrypted", FieldType.Bool, "Require encryption at rest (AWS sets encrypted; GKE and Azure disks are always encrypted; local-path cannot).", false, true),
        Same("storage.kmsKeyId", OptionalStorageText, "Customer-managed key: Cloud KMS key (GKE), KMS key ID or ARN (AWS), disk encryption set ID (Azure); empty: the provider's key.", ""),

        Same("storage.gke.diskType", FieldType.OneOf("pd-ssd", "hyperdisk-balanced"), "GKE disk type; hyperdisk-balanced needs provisionedIops and provisionedThroughput.", "pd-ssd"),
        Same("storage.gke.provisionedIops", FieldType.Int(0, 160000), "GKE hyperdisk-balanced IOPS (3000..160000); 0: not set.", 0),
        Same("storage.gke.provisionedThroughput", FieldType.Int(0, 2400), "GKE hyperdisk-balanced throughput in MiB/s (140..2400); 0: not set.", 0),
        Same("storage.aws.volumeType", FieldType.OneOf("gp3", "io2"), "AWS EBS volume type; io2 needs storage.aws.iops.", "gp3"),
        Same("storage.aws.iops", FieldType.Int(0, 256000), "AWS IOPS: gp3 3000..80000, io2 100..256000; 0: gp3's baseline (3000).", 0),
        Same("storage.aws.throughput", FieldType.Int(0, 2000), "AWS gp3 throughput in MiB/s (125..2000, at most IOPS/4); 0: gp3's baseline (125).", 0),
        Same("storage.azure.skuName", FieldType.OneOf("PremiumV2_LRS", "Premium_LRS"), "Azure disk SKU: Premium SSD v2 (IOPS and throughput set apart from size) or Premium SSD.", "PremiumV2_LRS"),
        Same("storage.azure.diskIOPSReadWrite", FieldType.Int(0, 80000), "Azure Premium SSD v2 IOPS (3000..80000); 0: the baseline.", 0),
        Same("storage.azure.diskMBpsReadWrite", FieldType.Int(0, 1200), "Azure Premium SSD v2 throughput in MB/s (125..1200); 0: the baseline.", 0),

        F("storage.backup.enabled", FieldType.Bool, "Pinset exports (REST API) to a backup volume on a schedule.", false, true),
        Same("storage.backup.schedule", CronSchedule, "When the pinset is exported (UTC).", "30 2 * * *"),
        F("storage.backup.retain", FieldType.Int(0, 1000), "Pinset exports kept on the backup volume (newest first); at least 1 with backups on.", 7, 14),
        F("storage.backup.size", FieldType.Bytes(VolumeFloor), "Backup volume size.", "1Gi", "20Gi"),
        F("storage.backup.className", StorageClassName,
            "StorageClass of the backup volume: a separate, cheaper class created on GKE (pd-standard), AWS (gp3 baseline) and Azure (StandardSSD_LRS); local and existing may share storage.className.", "ipfs-local-path", "ipfs-backup"),

        F("storage.snapshots.enabled", FieldType.Bool, "CSI VolumeSnapshots of every peer's volumes on a schedule (needs the snapshot CRDs and controller).", false, true),
        Same("storage.snapshots.schedule", CronSchedule, "When every peer's volumes are snapshotted (UTC).", "0 */6 * * *"),
        F("storage.snapshots.retain", FieldType.Int(0, 1000), "Snapshot sets kept per volume (newest first); at least 1 with snapshots on.", 4, 28),
        Same("storage.snapshots.className", StorageClassName, "VolumeSnapshotClass of the snapshots: created on GKE, AWS and Azure; must exist under platform existing.", "ipfs-snapshots"),
        Same("storage.snapshots.deletionPolicy", FieldType.OneOf("Delete", "Retain"),
            "deletionPolicy of the created VolumeSnapshotClass: Delete lets pruning free old snapshots; Retain keeps them in the cloud after pruning.", "Delete"),
        Same("storage.snapshots.image", FieldType.Image, "Image of the snapshot job: kubectl plus a POSIX shell.", StorageSpec.DefaultSnapshotImage),

        Same("storage.restore.snapshotSet", OptionalSnapshotSet,
            "Snapshot set (YYYYMMDD-HHMMSS, as the snapshot job names them) that new volume claims are restored from; empty: new claims start empty.", ""),
        Same("storage.restore.pinsetExport", PinsetExport,
            "Export the suspended pinset-restore CronJob re-imports: latest, or a file name such as pinset-20250301-023000.json.", RestoreSpec.Latest),
        Same("storage.migration.recreateClaims", FieldType.Bool,
            "Acknowledges that the volume claims were deleted on purpose so they are re-created with another class, a smaller size or a restore source (docs/storage.md). Remove after the change.", false),
    ];

    // Properties, not fields: Fields (in another part of this class) is initialised first and calls
    // StorageFields(), before any static field of this file would be.

    /// <summary>A StorageClass or VolumeSnapshotClass name (a DNS-1123 subdomain); empty is reported by the cross-key rules.</summary>
    private static FieldType StorageClassName => FieldType.Matching(
        "DNS-1123 subdomain, at most 253 characters",
        "must be a class name: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters",
        text => text.Length == 0 || Naming.KubernetesNames.IsDnsSubdomain(text));

    /// <summary>Any text without line breaks, or empty for none.</summary>
    private static FieldType OptionalStorageText => FieldType.Matching(
        "string, or empty for none", "must be a single line of text (or empty for none)",
        text => !text.Contains('\n', StringComparison.Ordinal) && !text.Contains('\r', StringComparison.Ordinal) && text.Trim() == text);

    /// <summary>A snapshot set name, or empty for none.</summary>
    private static FieldType OptionalSnapshotSet => FieldType.Matching(
        "snapshot set YYYYMMDD-HHMMSS, or empty for none",
        "must be a snapshot set as the snapshot job names them, YYYYMMDD-HHMMSS in UTC (e.g. 20250301-020000), or empty for none",
        text => text.Length == 0 || IsSnapshotSet(text));

    /// <summary>latest or a pinset export file name.</summary>
    private static FieldType PinsetExport => FieldType.Matching(
        "latest, or pinset-YYYYMMDD-HHMMSS.json",
        "must be latest or the name of a pinset export, pinset-YYYYMMDD-HHMMSS.json (e.g. pinset-20250301-023000.json)",
        text => text == RestoreSpec.Latest || (text.StartsWith("pinset-", StringComparison.Ordinal) && text.EndsWith(".json", StringComparison.Ordinal)
            && IsSnapshotSet(text["pinset-".Length..^".json".Length])));

    /// <summary>A 5-field cron schedule.</summary>
    private static FieldType CronSchedule => new CronType();

    /// <summary>True for YYYYMMDD-HHMMSS naming a real UTC time.</summary>
    internal static bool IsSnapshotSet(string text) =>
        SnapshotSetPattern().IsMatch(text) &&
        DateTime.TryParseExact(text, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    [GeneratedRegex(@"^[0-9]{8}-[0-9]{6}$")]
    private static partial Regex SnapshotSetPattern();

    /// <summary>
    /// A standard 5-field cron schedule (minute hour day-of-month month day-of-week) as a Kubernetes
    /// CronJob takes it: numbers, ranges, steps, lists, '*', '?' in the day fields, month and weekday
    /// names. Macros (@daily) and time-zone prefixes are refused: the CronJobs set timeZone UTC.
    /// </summary>
    private sealed class CronType : FieldType
    {
        private static readonly (string Name, int Min, int Max, string[]? Names)[] Parts =
        [
            ("minute", 0, 59, null),
            ("hour", 0, 23, null),
            ("day of month", 1, 31, null),
            ("month", 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
            ("day of week", 0, 6, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
        ];

        public override string Describe() => "5-field cron schedule (minute hour day month weekday, UTC)";

        public override bool TryParse(System.Text.Json.Nodes.JsonNode node, out object? value, out string error)
        {
            error = "must be a 5-field cron schedule: minute hour day-of-month month day-of-week, e.g. \"30 2 * * *\" (UTC; no @macros or TZ= prefixes)";
            var text = ScalarText(node);
            value = text;
            if (text is null) return false;
            var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 5 || text != string.Join(' ', fields)) return false;
            for (var i = 0; i < 5; i++)
            {
                if (!FieldIsValid(fields[i], Parts[i], allowQuestion: i is 2 or 4))
                {
                    error = $"has an invalid {Parts[i].Name} field '{fields[i]}' ({Parts[i].Min}-{Parts[i].Max}); " + error;
                    return false;
                }
            }
            return true;
        }

        private static bool FieldIsValid(string field, (string Name, int Min, int Max, string[]? Names) part, bool allowQuestion)
        {
            if (allowQuestion && field == "?") return true;
            foreach (var item in field.Split(','))
            {
                var range = item;
                if (item.Split('/') is { Length: 2 } stepped)
                {
                    if (!int.TryParse(stepped[1], NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step < 1 || step > part.Max) return false;
                    range = stepped[0];
                }
                else if (item.Contains('/', StringComparison.Ordinal))
                    return false;
                if (range == "*") continue;
                var bounds = range.Split('-');
                if (bounds.Length > 2) return false;
                var values = new List<int>();
                foreach (var bound in bounds)
                {
                    if (!TryValue(bound, part, out var v)) return false;
                    values.Add(v);
                }
                if (values.Count == 2 && values[0] > values[1]) return false;
            }
            return true;
        }

        private static bool TryValue(string text, (string Name, int Min, int Max, string[]? Names) part, out int value)
        {
            if (part.Names is { } names && Array.IndexOf(names, text.ToUpperInvariant()) is var index and >= 0)
            {
                value = index + part.Min;
                return true;
            }
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= part.Min && value <= part.Max;
        }
    }
}
