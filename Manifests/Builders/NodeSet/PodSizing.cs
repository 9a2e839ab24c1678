using System.Globalization;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders.NodeSet;

/// <summary>
/// Settings derived from the pod's limits and volume size, so a change of size in the stack moves
/// every dependent setting with it.
/// </summary>
public static class PodSizing
{
    private const decimal MiB = 1024m * 1024m;
    private const decimal GiB = 1024m * MiB;

    /// <summary>Bytes of a Kubernetes quantity.</summary>
    public static decimal Bytes(string quantity) => new ResourceQuantity(quantity).ToDecimal();

    /// <summary>Go's soft memory limit: 90% of the container limit, so the GC works hard before the OOM killer does.</summary>
    public static string GoMemLimit(string memoryLimit) => Mebibytes(Bytes(memoryLimit) * 0.9m);

    /// <summary>libp2p resource manager memory: half the container limit, well below GOMEMLIMIT.</summary>
    public static string ResourceManagerMaxMemory(string memoryLimit) => Mebibytes(Bytes(memoryLimit) * 0.5m);

    /// <summary>Datastore.StorageMax: 80% of the data volume, leaving room for GC to catch up and for repo migrations.</summary>
    public static string StorageMax(string dataSize) => Mebibytes(Bytes(dataSize) * 0.8m);

    /// <summary>Connection manager high water: 128 connections per GiB of memory limit, between 96 and 2048.</summary>
    public static int ConnectionsHighWater(string memoryLimit) =>
        (int)Math.Clamp(Math.Floor(Bytes(memoryLimit) / GiB * 128m), 96m, 2048m);

    /// <summary>Connection manager low water: half of the high water mark.</summary>
    public static int ConnectionsLowWater(string memoryLimit) => ConnectionsHighWater(memoryLimit) / 2;

    private static string Mebibytes(decimal bytes) =>
        Math.Max(1m, Math.Floor(bytes / MiB)).ToString(CultureInfo.InvariantCulture) + "MiB";

    /// <summary>Requests and limits of a container.</summary>
    public static V1ResourceRequirements Requirements(ContainerResourcesSpec r) => new()
    {
        Requests = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["cpu"] = new(r.CpuRequest),
            ["memory"] = new(r.MemoryRequest),
        },
        Limits = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["cpu"] = new(r.CpuLimit),
            ["memory"] = new(r.MemoryLimit),
        },
    };
}
