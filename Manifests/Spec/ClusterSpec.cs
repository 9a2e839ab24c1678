using Ipfs.Manifests.Config;

namespace Ipfs.Manifests.Spec;

/// <summary>
/// The validated, immutable description of one cluster: everything the builders need, nothing
/// read from anywhere else. Built only by <see cref="ClusterSpecLoader"/> (or by a consumer in code,
/// then checked with <see cref="ClusterSpecLoader.Validate"/>).
/// </summary>
public sealed record ClusterSpec
{
    /// <summary>Profile whose defaults filled unset keys.</summary>
    public required Profile Profile { get; init; }

    /// <summary>Namespace of every object.</summary>
    public required string Namespace { get; init; }

    /// <summary>Base name of the objects; also the CRDT cluster name.</summary>
    public required string Name { get; init; }

    /// <summary>Pod count; pod <c>i</c> is kubo node and cluster peer <c>i</c>.</summary>
    public required int Peers { get; init; }

    /// <summary>Container images.</summary>
    public required ImageSpec Images { get; init; }

    /// <summary>Pin replication factors.</summary>
    public required ReplicationSpec Replication { get; init; }

    /// <summary>ipfs-cluster tuning.</summary>
    public required ClusterTuningSpec Cluster { get; init; }

    /// <summary>Failover: whether and when a gone peer's pins are re-allocated (the cluster.repinning.* keys).</summary>
    public required RepinningSpec Repinning { get; init; }

    /// <summary>Container requests and limits.</summary>
    public required PodResourcesSpec Resources { get; init; }

    /// <summary>Volumes.</summary>
    public required StorageSpec Storage { get; init; }

    /// <summary>Swarm privacy and the ranges kubo must keep reachable.</summary>
    public required NetworkSpec Network { get; init; }

    /// <summary>Scraping, alerts and dashboard.</summary>
    public required MonitoringSpec Monitoring { get; init; }

    /// <summary>Scheduling for availability.</summary>
    public required AvailabilitySpec Availability { get; init; }

    /// <summary>Protect stateful resources from deletion under Pulumi.</summary>
    public required bool Protect { get; init; }

    /// <summary>REST API credentials policy.</summary>
    public required RestApiSpec RestApi { get; init; }

    /// <summary>Where Pulumi deploys; ignored by render.</summary>
    public required KubernetesTargetSpec Kubernetes { get; init; }

    /// <summary>Names derived from <see cref="Name"/>, <see cref="Namespace"/> and the cluster domain (<see cref="NetworkSpec.ClusterDomain"/>).</summary>
    public ClusterNames Names => new(Name, Namespace, Network.ClusterDomain);
}

/// <summary>Pinned images.</summary>
public sealed record ImageSpec(string Kubo, string Cluster);

/// <summary>Replication factor bounds; both at most the peer count.</summary>
public sealed record ReplicationSpec(int Min, int Max);

/// <summary>ipfs-cluster settings that come from the stack.</summary>
public sealed record ClusterTuningSpec(int ConcurrentPins, int CrdtBatchSize, string CrdtBatchMaxAge, bool TrustAllPeers);

/// <summary>Requests and limits of one container, as Kubernetes quantities.</summary>
public sealed record ContainerResourcesSpec(string CpuRequest, string MemoryRequest, string CpuLimit, string MemoryLimit);

/// <summary>Requests and limits per container.</summary>
public sealed record PodResourcesSpec(ContainerResourcesSpec Kubo, ContainerResourcesSpec Cluster);

/// <summary>Anti-affinity and zone spread.</summary>
public sealed record AvailabilitySpec(bool RequireNodeAntiAffinity, bool ZoneSpread);

/// <summary>REST API user and the password generation (raising it rotates the password).</summary>
public sealed record RestApiSpec(string User, int PasswordGeneration);

/// <summary>Pulumi provider target; null fields fall back to the ambient kubeconfig of the provider.</summary>
public sealed record KubernetesTargetSpec(string? Context, SecretString? Kubeconfig);
