using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Config;

internal static partial class SpecSections
{
    /// <summary>The storage.* keys as a <see cref="StorageSpec"/>.</summary>
    public static StorageSpec Storage(Func<string, object?> value) =>
        new((string)value("storage.className")!, (string)value("storage.dataSize")!, (string)value("storage.stateSize")!);

    /// <summary>Cross-key rules of the storage.* keys.</summary>
    public static void ValidateStorage(ClusterSpec spec, Action<string, object, string> problem)
    {
    }
}
