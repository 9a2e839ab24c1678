using System.Text.Json.Nodes;

namespace Ipfs.Manifests.Config;

/// <summary>
/// Every key the project accepts, with types and per-profile defaults. Profiles are data, not
/// branches: a stack picks <c>profile</c>, gets its defaults, and overrides any key.
/// </summary>
public static partial class ConfigSchema
{
    private static ConfigField F(string path, FieldType type, string description, JsonNode? dev, JsonNode? prod) =>
        new(path, type, description, dev, prod);

    private static ConfigField Same(string path, FieldType type, string description, JsonNode? both) =>
        new(path, type, description, both, both?.DeepClone());

    private static JsonArray List(params string[] items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());

    /// <summary>Default kubo image: a pinned release with <c>ipfs diag healthy</c> (v0.42+).</summary>
    public const string DefaultKuboImage = "ipfs/kubo:v0.42.0";

    /// <summary>Default ipfs-cluster image; every peer runs this one version.</summary>
    public const string DefaultClusterImage = "ipfs/ipfs-cluster:v1.1.6";

    /// <summary>All fields, in documentation order.</summary>
    public static IReadOnlyList<ConfigField> Fields { get; } =
        [.. CoreFields(), .. StorageFields(), .. NetworkFields(), .. MonitoringFields()];

    private static IEnumerable<ConfigField> CoreFields() =>
    [
        new("profile", FieldType.OneOf("dev", "prod"), "Environment profile that supplies every other default.", null, null, Required: true),
        F("namespace", FieldType.DnsLabel(63), "Namespace all objects live in (created by the stack).", "ipfs-dev", "ipfs"),
        Same("name", FieldType.DnsLabel(30), "Base name of the cluster's objects and the CRDT cluster name.", "ipfs"),
        F("peers", FieldType.Int(1, 1000), "Number of pods, each a kubo node plus an ipfs-cluster peer. Scaling changes the highest ordinals only.", 3, 3),

        Same("images.kubo", FieldType.Image, "kubo image (v0.42 or newer).", DefaultKuboImage),
        Same("images.cluster", FieldType.Image, "ipfs-cluster image; all peers run one version.", DefaultClusterImage),

        F("replication.min", FieldType.Int(1, 1000), "Pin replication factor minimum (CLUSTER_REPLICATIONFACTORMIN).", 1, 2),
        F("replication.max", FieldType.Int(1, 1000), "Pin replication factor maximum (CLUSTER_REPLICATIONFACTORMAX).", 2, 3),

        Same("cluster.concurrentPins", FieldType.Int(1, 1000), "Pins each peer's pin tracker runs at once.", 10),
        F("cluster.crdtBatchSize", FieldType.Int(0, 100000), "CRDT batching: pins per batch commit; 0 turns batching off.", 0, 100),
        F("cluster.crdtBatchMaxAge", FieldType.Duration, "CRDT batching: longest a batch waits before commit.", "1m", "1m"),
        Same("cluster.trustAllPeers", FieldType.Bool, "Trust every peer (\"*\") instead of exactly this cluster's peer IDs.", false),
        .. RepinningFields(),

        F("resources.kubo.requests.cpu", FieldType.Quantity, "kubo container CPU request.", "250m", "2"),
        F("resources.kubo.requests.memory", FieldType.Quantity, "kubo container memory request.", "512Mi", "8Gi"),
        F("resources.kubo.limits.cpu", FieldType.Quantity, "kubo container CPU limit (sets GOMAXPROCS).", "1", "4"),
        F("resources.kubo.limits.memory", FieldType.Quantity, "kubo container memory limit (sets GOMEMLIMIT and Swarm.ResourceMgr.MaxMemory).", "2Gi", "8Gi"),
        F("resources.cluster.requests.cpu", FieldType.Quantity, "ipfs-cluster container CPU request.", "100m", "500m"),
        F("resources.cluster.requests.memory", FieldType.Quantity, "ipfs-cluster container memory request.", "128Mi", "1Gi"),
        F("resources.cluster.limits.cpu", FieldType.Quantity, "ipfs-cluster container CPU limit.", "500m", "1"),
        F("resources.cluster.limits.memory", FieldType.Quantity, "ipfs-cluster container memory limit.", "512Mi", "2Gi"),

        F("availability.antiAffinity", FieldType.OneOf("preferred", "required"), "Pod anti-affinity by node.", "preferred", "required"),
        F("availability.zoneSpread", FieldType.Bool, "Spread pods across zones (topology.kubernetes.io/zone).", false, true),

        F("protect", FieldType.Bool, "Protect stateful resources (volumes, identities, the cluster secret) from deletion by Pulumi.", false, true),

        Same("restApi.user", FieldType.UserName, "ipfs-cluster REST API basic-auth user.", "admin"),
        Same("restApi.passwordGeneration", FieldType.Int(0, int.MaxValue), "Raise by one to rotate the REST API password (the only rotation there is).", 0),

        new("kubernetes.context", FieldType.Text, "kubeconfig context the Pulumi provider uses (pulumi up/preview only).", null, null),
        new("kubernetes.kubeconfig", FieldType.Secret, "kubeconfig contents or path for the Pulumi provider; may be a secret.", null, null),
    ];

    /// <summary>Top-level keys that may hold Pulumi secrets: their values only configure the provider, never an object.</summary>
    public static IReadOnlySet<string> SecretCapableKeys { get; } = new HashSet<string>(StringComparer.Ordinal) { "kubernetes" };

    /// <summary>Fields by dotted path.</summary>
    public static IReadOnlyDictionary<string, ConfigField> ByPath { get; } = Fields.ToDictionary(f => f.Path, StringComparer.Ordinal);

    /// <summary>Top-level keys that hold objects (their values are structured, not scalars).</summary>
    public static IReadOnlySet<string> StructuredKeys { get; } =
        Fields.Where(f => f.Path.Contains('.')).Select(f => f.TopLevelKey).ToHashSet(StringComparer.Ordinal);
}
