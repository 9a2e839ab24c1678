namespace Ipfs.Manifests.Spec;

/// <summary>
/// Volumes, their classes, backups, snapshots and the restore path. <see cref="ClassName"/>,
/// <see cref="DataSize"/> and <see cref="StateSize"/> are the class and sizes the node set's volumes
/// use; everything else says how that class is made, how the volumes are protected and how they
/// come back. A spec built in code with only the three positional values gets an
/// <see cref="StoragePlatform.Existing"/> class with Delete reclaim and no backups or snapshots.
/// </summary>
/// <param name="ClassName">StorageClass of the node set's volumes (created unless the platform is <see cref="StoragePlatform.Existing"/>).</param>
/// <param name="DataSize">kubo data volume per peer.</param>
/// <param name="StateSize">ipfs-cluster state volume per peer.</param>
public sealed record StorageSpec(string ClassName, string DataSize, string StateSize)
{
    /// <summary>Where the volumes live; decides the StorageClass's provisioner and parameters.</summary>
    public StoragePlatform Platform { get; init; } = StoragePlatform.Existing;

    /// <summary>What happens to a volume when its claim is deleted: Retain (prod) or Delete (dev).</summary>
    public string ReclaimPolicy { get; init; } = "Delete";

    /// <summary>Filesystem of block volumes (ext4 or xfs).</summary>
    public string FsType { get; init; } = "ext4";

    /// <summary>Volumes must be encrypted at rest (the AWS class sets <c>encrypted</c>; GKE and Azure always encrypt).</summary>
    public bool Encrypted { get; init; }

    /// <summary>Customer-managed key: a Cloud KMS key (GKE), a KMS key ID or ARN (AWS) or a disk encryption set ID (Azure); null: the provider's key.</summary>
    public string? KmsKeyId { get; init; }

    /// <summary>GKE disk settings.</summary>
    public GkeDiskSpec Gke { get; init; } = new("pd-ssd", 0, 0);

    /// <summary>AWS EBS settings.</summary>
    public AwsVolumeSpec Aws { get; init; } = new("gp3", 0, 0);

    /// <summary>Azure managed disk settings.</summary>
    public AzureDiskSpec Azure { get; init; } = new("PremiumV2_LRS", 0, 0);

    /// <summary>Pinset exports onto a backup volume.</summary>
    public BackupSpec Backup { get; init; } = new(false, "30 2 * * *", 14, "1Gi", ClassName);

    /// <summary>CSI snapshots of every peer's volumes.</summary>
    public SnapshotSpec Snapshots { get; init; } = new(false, "0 */6 * * *", 28, "ipfs-snapshots", "Delete", DefaultSnapshotImage);

    /// <summary>Where new volumes and the pinset come back from.</summary>
    public RestoreSpec Restore { get; init; } = new(null, RestoreSpec.Latest);

    /// <summary>Acknowledgements for changes that re-create volumes.</summary>
    public MigrationSpec Migration { get; init; } = new(false);

    /// <summary>The platform creates the data class (every platform but <see cref="StoragePlatform.Existing"/>).</summary>
    public bool CreatesClasses => Platform != StoragePlatform.Existing;

    /// <summary>Default image of the snapshot job: kubectl with a POSIX shell (registry.k8s.io/kubectl has no shell).</summary>
    public const string DefaultSnapshotImage = "alpine/k8s:1.34.1";
}

/// <summary>Where the volumes live.</summary>
public enum StoragePlatform
{
    /// <summary>Google Kubernetes Engine: pd.csi.storage.gke.io.</summary>
    Gke,

    /// <summary>Amazon EKS: ebs.csi.aws.com.</summary>
    Aws,

    /// <summary>Azure AKS: disk.csi.azure.com.</summary>
    Azure,

    /// <summary>Local disks through the local-path provisioner (rancher.io/local-path): dev and bare metal.</summary>
    Local,

    /// <summary>A StorageClass that already exists, used by name; nothing is created.</summary>
    Existing,
}

/// <summary>GKE Persistent Disk or Hyperdisk.</summary>
/// <param name="DiskType">pd-ssd, or hyperdisk-balanced (needs provisioned IOPS and throughput).</param>
/// <param name="ProvisionedIops">Hyperdisk IOPS (0: not set).</param>
/// <param name="ProvisionedThroughput">Hyperdisk throughput in MiB/s (0: not set).</param>
public sealed record GkeDiskSpec(string DiskType, int ProvisionedIops, int ProvisionedThroughput);

/// <summary>AWS EBS volume.</summary>
/// <param name="VolumeType">gp3, or io2 (needs IOPS).</param>
/// <param name="Iops">Provisioned IOPS (0: gp3's baseline).</param>
/// <param name="Throughput">gp3 throughput in MiB/s (0: gp3's baseline).</param>
public sealed record AwsVolumeSpec(string VolumeType, int Iops, int Throughput);

/// <summary>Azure managed disk.</summary>
/// <param name="SkuName">PremiumV2_LRS (Premium SSD v2) or Premium_LRS.</param>
/// <param name="DiskIopsReadWrite">Premium SSD v2 IOPS (0: the baseline).</param>
/// <param name="DiskMbpsReadWrite">Premium SSD v2 throughput in MB/s (0: the baseline).</param>
public sealed record AzureDiskSpec(string SkuName, int DiskIopsReadWrite, int DiskMbpsReadWrite);

/// <summary>Pinset exports through the REST API onto a volume of their own.</summary>
/// <param name="Enabled">Build the backup volume and CronJob.</param>
/// <param name="Schedule">5-field cron schedule (UTC).</param>
/// <param name="Retain">Exports kept (newest first).</param>
/// <param name="Size">Size of the backup volume.</param>
/// <param name="ClassName">StorageClass of the backup volume: a separate, cheaper class on cloud platforms.</param>
public sealed record BackupSpec(bool Enabled, string Schedule, int Retain, string Size, string ClassName);

/// <summary>CSI VolumeSnapshots of every peer's volumes.</summary>
/// <param name="Enabled">Build the snapshot class (on cloud platforms), the CronJob and its RBAC.</param>
/// <param name="Schedule">5-field cron schedule (UTC).</param>
/// <param name="Retain">Snapshot sets kept per volume (newest first).</param>
/// <param name="ClassName">VolumeSnapshotClass the snapshots use (created on cloud platforms).</param>
/// <param name="DeletionPolicy">What deleting a VolumeSnapshot does to the snapshot itself: Delete (pruning frees it) or Retain.</param>
/// <param name="Image">kubectl image with a POSIX shell.</param>
public sealed record SnapshotSpec(bool Enabled, string Schedule, int Retain, string ClassName, string DeletionPolicy, string Image);

/// <summary>The restore path: volumes from a snapshot set, the pinset from an export.</summary>
/// <param name="SnapshotSet">Snapshot set (<c>YYYYMMDD-HHMMSS</c>, UTC) new claims are restored from; null: empty volumes.</param>
/// <param name="PinsetExport">Export the pinset restore job re-imports: <see cref="Latest"/> or a file name.</param>
public sealed record RestoreSpec(string? SnapshotSet, string PinsetExport)
{
    /// <summary>The newest export on the backup volume.</summary>
    public const string Latest = "latest";
}

/// <summary>Acknowledgements for changes that cannot happen in place.</summary>
/// <param name="RecreateClaims">
/// The volume claims were deleted on purpose (after a snapshot or pinset export) so they are
/// re-created with another class, a smaller size or a restore source. Remove it after the change.
/// </param>
public sealed record MigrationSpec(bool RecreateClaims);
