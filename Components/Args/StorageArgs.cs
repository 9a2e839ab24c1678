using Pulumi;

namespace Ipfs.Components;

/// <summary>Volumes of the cluster: classes, sizes, encryption, backups, snapshots and restores.</summary>
public sealed class StorageArgs : ResourceArgs
{
    /// <summary>Where the volumes live: the fast-SSD StorageClass is created for GKE (pd.csi.storage.gke.io), AWS (ebs.csi.aws.com), Azure (disk.csi.azure.com) or local disks (rancher.io/local-path); existing uses storage.className as it is.</summary>
    [Input("platform")]
    public string? Platform { get; set; }

    /// <summary>StorageClass of the kubo data and cluster state volumes: created under its name, or (platform existing) an existing class.</summary>
    [Input("className")]
    public string? ClassName { get; set; }

    /// <summary>kubo data volume per peer (Datastore.StorageMax is about 80% of it). Grows in place; never shrinks.</summary>
    [Input("dataSize")]
    public string? DataSize { get; set; }

    /// <summary>ipfs-cluster state volume per peer. Grows in place; never shrinks.</summary>
    [Input("stateSize")]
    public string? StateSize { get; set; }

    /// <summary>What happens to a disk when its claim is deleted (reclaimPolicy of the created classes).</summary>
    [Input("reclaimPolicy")]
    public string? ReclaimPolicy { get; set; }

    /// <summary>Filesystem of the cloud block volumes.</summary>
    [Input("fsType")]
    public string? FsType { get; set; }

    /// <summary>Require encryption at rest (AWS sets encrypted; GKE and Azure disks are always encrypted; local-path cannot).</summary>
    [Input("encrypted")]
    public bool? Encrypted { get; set; }

    /// <summary>Customer-managed key: Cloud KMS key (GKE), KMS key ID or ARN (AWS), disk encryption set ID (Azure); empty: the provider's key.</summary>
    [Input("kmsKeyId")]
    public string? KmsKeyId { get; set; }

    /// <summary>GKE disk settings.</summary>
    [Input("gke")]
    public GkeDiskArgs? Gke { get; set; }

    /// <summary>AWS EBS settings.</summary>
    [Input("aws")]
    public AwsVolumeArgs? Aws { get; set; }

    /// <summary>Azure disk settings.</summary>
    [Input("azure")]
    public AzureDiskArgs? Azure { get; set; }

    /// <summary>Pinset backups.</summary>
    [Input("backup")]
    public BackupArgs? Backup { get; set; }

    /// <summary>Volume snapshots.</summary>
    [Input("snapshots")]
    public SnapshotsArgs? Snapshots { get; set; }

    /// <summary>Restore sources.</summary>
    [Input("restore")]
    public RestoreArgs? Restore { get; set; }

    /// <summary>Storage migration acknowledgements.</summary>
    [Input("migration")]
    public StorageMigrationArgs? Migration { get; set; }
}

/// <summary>GKE persistent disk settings (platform gke).</summary>
public sealed class GkeDiskArgs : ResourceArgs
{
    /// <summary>GKE disk type; hyperdisk-balanced needs provisionedIops and provisionedThroughput.</summary>
    [Input("diskType")]
    public string? DiskType { get; set; }

    /// <summary>GKE hyperdisk-balanced IOPS (3000..160000); 0: not set.</summary>
    [Input("provisionedIops")]
    public int? ProvisionedIops { get; set; }

    /// <summary>GKE hyperdisk-balanced throughput in MiB/s (140..2400); 0: not set.</summary>
    [Input("provisionedThroughput")]
    public int? ProvisionedThroughput { get; set; }
}

/// <summary>AWS EBS volume settings (platform aws).</summary>
public sealed class AwsVolumeArgs : ResourceArgs
{
    /// <summary>AWS EBS volume type; io2 needs storage.aws.iops.</summary>
    [Input("volumeType")]
    public string? VolumeType { get; set; }

    /// <summary>AWS IOPS: gp3 3000..80000, io2 100..256000; 0: gp3's baseline (3000).</summary>
    [Input("iops")]
    public int? Iops { get; set; }

    /// <summary>AWS gp3 throughput in MiB/s (125..2000, at most IOPS/4); 0: gp3's baseline (125).</summary>
    [Input("throughput")]
    public int? Throughput { get; set; }
}

/// <summary>Azure managed disk settings (platform azure).</summary>
public sealed class AzureDiskArgs : ResourceArgs
{
    /// <summary>Azure disk SKU: Premium SSD v2 (IOPS and throughput set apart from size) or Premium SSD.</summary>
    [Input("skuName")]
    public string? SkuName { get; set; }

    /// <summary>Azure Premium SSD v2 IOPS (3000..80000); 0: the baseline.</summary>
    [Input("diskIOPSReadWrite")]
    public int? DiskIOPSReadWrite { get; set; }

    /// <summary>Azure Premium SSD v2 throughput in MB/s (125..1200); 0: the baseline.</summary>
    [Input("diskMBpsReadWrite")]
    public int? DiskMBpsReadWrite { get; set; }
}

/// <summary>Scheduled pinset exports to a backup volume.</summary>
public sealed class BackupArgs : ResourceArgs
{
    /// <summary>Pinset exports (REST API) to a backup volume on a schedule.</summary>
    [Input("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>When the pinset is exported (UTC).</summary>
    [Input("schedule")]
    public string? Schedule { get; set; }

    /// <summary>Pinset exports kept on the backup volume (newest first); at least 1 with backups on.</summary>
    [Input("retain")]
    public int? Retain { get; set; }

    /// <summary>Backup volume size.</summary>
    [Input("size")]
    public string? Size { get; set; }

    /// <summary>StorageClass of the backup volume: a separate, cheaper class created on GKE (pd-standard), AWS (gp3 baseline) and Azure (StandardSSD_LRS); local and existing may share storage.className.</summary>
    [Input("className")]
    public string? ClassName { get; set; }
}

/// <summary>Scheduled CSI snapshots of every peer's volumes.</summary>
public sealed class SnapshotsArgs : ResourceArgs
{
    /// <summary>CSI VolumeSnapshots of every peer's volumes on a schedule (needs the snapshot CRDs and controller).</summary>
    [Input("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>When every peer's volumes are snapshotted (UTC).</summary>
    [Input("schedule")]
    public string? Schedule { get; set; }

    /// <summary>Snapshot sets kept per volume (newest first); at least 1 with snapshots on.</summary>
    [Input("retain")]
    public int? Retain { get; set; }

    /// <summary>VolumeSnapshotClass of the snapshots: created on GKE, AWS and Azure; must exist under platform existing.</summary>
    [Input("className")]
    public string? ClassName { get; set; }

    /// <summary>deletionPolicy of the created VolumeSnapshotClass: Delete lets pruning free old snapshots; Retain keeps them in the cloud after pruning.</summary>
    [Input("deletionPolicy")]
    public string? DeletionPolicy { get; set; }

    /// <summary>Image of the snapshot job: kubectl plus a POSIX shell.</summary>
    [Input("image")]
    public string? Image { get; set; }
}

/// <summary>Where new volumes and the pinset are restored from.</summary>
public sealed class RestoreArgs : ResourceArgs
{
    /// <summary>Snapshot set (YYYYMMDD-HHMMSS, as the snapshot job names them) that new volume claims are restored from; empty: new claims start empty.</summary>
    [Input("snapshotSet")]
    public string? SnapshotSet { get; set; }

    /// <summary>Export the suspended pinset-restore CronJob re-imports: latest, or a file name such as pinset-20250301-023000.json.</summary>
    [Input("pinsetExport")]
    public string? PinsetExport { get; set; }
}

/// <summary>Acknowledgements for storage changes that re-create volume claims.</summary>
public sealed class StorageMigrationArgs : ResourceArgs
{
    /// <summary>Acknowledges that the volume claims were deleted on purpose so they are re-created with another class, a smaller size or a restore source (docs/storage.md). Remove after the change.</summary>
    [Input("recreateClaims")]
    public bool? RecreateClaims { get; set; }
}
