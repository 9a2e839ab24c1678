namespace Ipfs.Manifests.Spec;

/// <summary>Volume class and sizes.</summary>
/// <param name="ClassName">StorageClass of the node set's volumes.</param>
/// <param name="DataSize">kubo data volume per peer.</param>
/// <param name="StateSize">ipfs-cluster state volume per peer.</param>
public sealed record StorageSpec(string ClassName, string DataSize, string StateSize);
