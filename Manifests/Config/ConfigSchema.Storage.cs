namespace Ipfs.Manifests.Config;

public static partial class ConfigSchema
{
    private static IEnumerable<ConfigField> StorageFields() =>
    [
        F("storage.className", FieldType.DnsLabel(253), "StorageClass of the kubo data and cluster state volumes.", "local-path", "fast-ssd"),
        F("storage.dataSize", FieldType.Quantity, "kubo data volume per peer (Datastore.StorageMax is about 80% of it).", "10Gi", "100Gi"),
        F("storage.stateSize", FieldType.Quantity, "ipfs-cluster state volume per peer.", "1Gi", "10Gi"),
    ];
}
