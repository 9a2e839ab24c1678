using System.Globalization;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders.Storage;

/// <summary>
/// The StorageClasses of the platform chosen in config: the fast-SSD class of the node set's volumes
/// and the separate, cheaper class of the backup volume. Every class binds on first consumer (the
/// pod's zone decides the disk's zone), allows expansion, encrypts where the driver takes it and
/// reclaims per <see cref="StorageSpec.ReclaimPolicy"/> (Retain in prod, Delete in dev). Nothing is
/// created under <see cref="StoragePlatform.Existing"/>.
/// </summary>
public static class StorageClassBuilder
{
    /// <summary>GKE Persistent Disk CSI driver.</summary>
    public const string GkeDriver = "pd.csi.storage.gke.io";

    /// <summary>AWS EBS CSI driver.</summary>
    public const string AwsDriver = "ebs.csi.aws.com";

    /// <summary>Azure Disk CSI driver.</summary>
    public const string AzureDriver = "disk.csi.azure.com";

    /// <summary>Rancher's local-path provisioner (kind, k3s, bare metal).</summary>
    public const string LocalProvisioner = "rancher.io/local-path";

    /// <summary>CSI parameter every external provisioner reads for the filesystem of a block volume.</summary>
    public const string FsTypeParameter = "csi.storage.k8s.io/fstype";

    /// <summary>The provisioner of a platform's classes; null for <see cref="StoragePlatform.Existing"/>.</summary>
    public static string? Provisioner(StoragePlatform platform) => platform switch
    {
        StoragePlatform.Gke => GkeDriver,
        StoragePlatform.Aws => AwsDriver,
        StoragePlatform.Azure => AzureDriver,
        StoragePlatform.Local => LocalProvisioner,
        _ => null,
    };

    /// <summary>Every class to create: the data class, and the backup class when backups are on and it is a class of its own.</summary>
    public static IReadOnlyList<V1StorageClass> Build(ClusterSpec spec)
    {
        var storage = spec.Storage;
        if (!storage.CreatesClasses) return [];
        var classes = new List<V1StorageClass> { Class(spec, storage.ClassName, "fast-ssd", DataParameters(storage)) };
        if (storage.Backup.Enabled && storage.Backup.ClassName != storage.ClassName)
            classes.Add(Class(spec, storage.Backup.ClassName, "backup", BackupParameters(storage)));
        return classes;
    }

    /// <summary>Parameters of the fast-SSD class of the node set's volumes.</summary>
    public static SortedDictionary<string, string> DataParameters(StorageSpec storage)
    {
        var p = new SortedDictionary<string, string>(StringComparer.Ordinal);
        switch (storage.Platform)
        {
            case StoragePlatform.Gke:
                p["type"] = storage.Gke.DiskType;
                if (storage.Gke.DiskType == "hyperdisk-balanced")
                {
                    p["provisioned-iops-on-create"] = Invariant(storage.Gke.ProvisionedIops);
                    p["provisioned-throughput-on-create"] = Invariant(storage.Gke.ProvisionedThroughput) + "Mi";
                }
                break;
            case StoragePlatform.Aws:
                p["type"] = storage.Aws.VolumeType;
                if (storage.Aws.Iops > 0) p["iops"] = Invariant(storage.Aws.Iops);
                if (storage.Aws.Throughput > 0) p["throughput"] = Invariant(storage.Aws.Throughput);
                break;
            case StoragePlatform.Azure:
                p["skuName"] = storage.Azure.SkuName;
                if (storage.Azure.SkuName == "PremiumV2_LRS")
                {
                    p["cachingMode"] = "None"; // Premium SSD v2 supports no host caching
                    if (storage.Azure.DiskIopsReadWrite > 0) p["DiskIOPSReadWrite"] = Invariant(storage.Azure.DiskIopsReadWrite);
                    if (storage.Azure.DiskMbpsReadWrite > 0) p["DiskMBpsReadWrite"] = Invariant(storage.Azure.DiskMbpsReadWrite);
                }
                break;
            default:
                return p; // local-path takes no parameters, encrypts nothing and formats nothing
        }
        AddCommon(storage, p);
        return p;
    }

    /// <summary>Parameters of the cheaper backup class: GKE pd-standard (or baseline hyperdisk), AWS gp3 baseline, Azure Standard SSD.</summary>
    public static SortedDictionary<string, string> BackupParameters(StorageSpec storage)
    {
        var p = new SortedDictionary<string, string>(StringComparer.Ordinal);
        switch (storage.Platform)
        {
            case StoragePlatform.Gke:
                // Hyperdisk-only machine series cannot attach Persistent Disk: stay on hyperdisk, at its baseline.
                p["type"] = storage.Gke.DiskType == "hyperdisk-balanced" ? "hyperdisk-balanced" : "pd-standard";
                break;
            case StoragePlatform.Aws:
                p["type"] = "gp3";
                break;
            case StoragePlatform.Azure:
                p["skuName"] = "StandardSSD_LRS";
                break;
            default:
                return p;
        }
        AddCommon(storage, p);
        return p;
    }

    private static void AddCommon(StorageSpec storage, SortedDictionary<string, string> p)
    {
        p[FsTypeParameter] = storage.FsType;
        switch (storage.Platform)
        {
            case StoragePlatform.Gke when storage.KmsKeyId is { } gkeKey:
                p["disk-encryption-kms-key"] = gkeKey;
                break;
            case StoragePlatform.Aws when storage.Encrypted:
                p["encrypted"] = "true";
                if (storage.KmsKeyId is { } awsKey) p["kmsKeyId"] = awsKey;
                break;
            case StoragePlatform.Azure when storage.KmsKeyId is { } azureKey:
                p["diskEncryptionSetID"] = azureKey;
                break;
        }
    }

    private static V1StorageClass Class(ClusterSpec spec, string name, string component, SortedDictionary<string, string> parameters) => new()
    {
        ApiVersion = "storage.k8s.io/v1",
        Kind = "StorageClass",
        Metadata = new V1ObjectMeta { Name = name, Labels = ObjectMeta.Labels(spec, component) },
        Provisioner = Provisioner(spec.Storage.Platform)!,
        Parameters = parameters.Count > 0 ? parameters : null,
        ReclaimPolicy = spec.Storage.ReclaimPolicy,
        VolumeBindingMode = "WaitForFirstConsumer",
        AllowVolumeExpansion = true,
    };

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
