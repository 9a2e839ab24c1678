using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders.NodeSet;

/// <summary>
/// The StatefulSet: pod N runs kubo node N and ipfs-cluster peer N, each with its own volume.
/// Parallel pod management (no ordered start), Retain for volumes of removed ordinals, the Pod
/// Security Standards "restricted" profile, and a checksum of the configuration on the pod
/// template so that any configuration change rolls the pods, and a keyed digest of the Secrets
/// so that any rotation does too.
/// </summary>
public static class StatefulSetBuilder
{
    /// <summary>Pod-template annotation holding the configuration checksum.</summary>
    public const string ChecksumAnnotation = "ipfs-infra/config-checksum";

    /// <summary>Volume claim template of kubo's repo.</summary>
    public const string DataVolume = "data";

    /// <summary>Volume claim template of ipfs-cluster's state.</summary>
    public const string StateVolume = "state";

    /// <summary>Seconds kubo gets to flush its datastore and close connections on shutdown.</summary>
    public const int TerminationGracePeriodSeconds = 120;

    /// <summary>
    /// Builds the StatefulSet; the ConfigMaps are the ones it mounts (their data feeds the checksum)
    /// and <paramref name="secretsChecksum"/> is <see cref="SecretsChecksum"/> of the Secrets it reads.
    /// </summary>
    public static V1StatefulSet Build(ClusterSpec spec, V1ConfigMap peerDirectory, V1ConfigMap scripts, string secretsChecksum)
    {
        var selector = ObjectMeta.SelectorLabels(spec);
        var podLabels = ObjectMeta.Labels(spec, "node");
        return new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = ObjectMeta.For(spec, spec.Names.StatefulSet, "node"),
            Spec = new V1StatefulSetSpec
            {
                ServiceName = spec.Names.PeerService,
                Replicas = spec.Peers,
                PodManagementPolicy = "Parallel",
                Selector = new V1LabelSelector { MatchLabels = selector },
                UpdateStrategy = new V1StatefulSetUpdateStrategy { Type = "RollingUpdate" },
                PersistentVolumeClaimRetentionPolicy = new V1StatefulSetPersistentVolumeClaimRetentionPolicy
                {
                    WhenDeleted = "Retain",
                    WhenScaled = "Retain",
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = podLabels,
                        Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
                        {
                            [ChecksumAnnotation] = Checksum(peerDirectory, scripts),
                            [SecretsChecksum.Annotation] = secretsChecksum,
                            ["kubectl.kubernetes.io/default-container"] = "kubo",
                        },
                    },
                    Spec = Pod(spec, peerDirectory, scripts),
                },
                // Constant templates: every claim exists as an explicit object of the storage
                // component (data-ipfs-0, ...) before its pod, carrying the configured size, so a
                // volume grows without touching these immutable templates (VolumeClaimsBuilder).
                VolumeClaimTemplates =
                [
                    Claim(spec, DataVolume, Storage.VolumeClaimsBuilder.TemplateSize(spec, DataVolume)),
                    Claim(spec, StateVolume, Storage.VolumeClaimsBuilder.TemplateSize(spec, StateVolume)),
                ],
            },
        };
    }

    /// <summary>SHA-256 over the mounted ConfigMaps' data, in key order.</summary>
    public static string Checksum(params V1ConfigMap[] configMaps)
    {
        var text = new StringBuilder();
        foreach (var map in configMaps)
            foreach (var (key, value) in map.Data.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                text.Append(map.Metadata.Name).Append('/').Append(key).Append('\n').Append(value).Append('\0');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static V1PodSpec Pod(ClusterSpec spec, V1ConfigMap peerDirectory, V1ConfigMap scripts)
    {
        var volumes = new List<V1Volume>
        {
            new()
            {
                Name = "kubo-init",
                ConfigMap = new V1ConfigMapVolumeSource
                {
                    Name = scripts.Metadata.Name,
                    DefaultMode = 0b101_101_101, // 0555: the kubo entrypoint executes executable scripts
                    Items =
                    [
                        new V1KeyToPath { Key = NodeScripts.KuboIdentityScript, Path = NodeScripts.KuboIdentityScript },
                        new V1KeyToPath { Key = NodeScripts.KuboConfigScript, Path = NodeScripts.KuboConfigScript },
                    ],
                },
            },
            new()
            {
                Name = "cluster-scripts",
                ConfigMap = new V1ConfigMapVolumeSource
                {
                    Name = scripts.Metadata.Name,
                    DefaultMode = 0b101_101_101,
                    Items = [new V1KeyToPath { Key = NodeScripts.ClusterStartScript, Path = NodeScripts.ClusterStartScript }],
                },
            },
            new() { Name = "peers", ConfigMap = new V1ConfigMapVolumeSource { Name = peerDirectory.Metadata.Name } },
            // 0440: fsGroup makes the files group-readable for uid 1000 in group 100, nobody else.
            new() { Name = "identities", Secret = new V1SecretVolumeSource { SecretName = spec.Names.Identities, DefaultMode = 0b100_100_000 } },
            new() { Name = "kubo-tmp", EmptyDir = new V1EmptyDirVolumeSource() },
            new() { Name = "cluster-tmp", EmptyDir = new V1EmptyDirVolumeSource() },
        };
        if (spec.Network.PrivateSwarm)
            volumes.Add(new() { Name = "swarm-key", Secret = new V1SecretVolumeSource { SecretName = spec.Names.SwarmKey, DefaultMode = 0b100_100_000 } });

        return new V1PodSpec
        {
            AutomountServiceAccountToken = false,
            EnableServiceLinks = false,
            TerminationGracePeriodSeconds = TerminationGracePeriodSeconds,
            SecurityContext = PodSecurity.Pod(),
            Affinity = Affinity(spec),
            TopologySpreadConstraints = spec.Availability.ZoneSpread
                ?
                [
                    // ScheduleAnyway: a pod's zonal volume already pins it to a zone; a hard
                    // constraint could leave a restarted pod Pending forever.
                    new V1TopologySpreadConstraint
                    {
                        MaxSkew = 1,
                        TopologyKey = "topology.kubernetes.io/zone",
                        WhenUnsatisfiable = "ScheduleAnyway",
                        LabelSelector = new V1LabelSelector { MatchLabels = ObjectMeta.SelectorLabels(spec) },
                    },
                ]
                : null,
            Containers = [NodeContainers.Kubo(spec), NodeContainers.Cluster(spec)],
            Volumes = volumes,
        };
    }

    private static V1Affinity Affinity(ClusterSpec spec)
    {
        var term = new V1PodAffinityTerm
        {
            TopologyKey = "kubernetes.io/hostname",
            LabelSelector = new V1LabelSelector { MatchLabels = ObjectMeta.SelectorLabels(spec) },
        };
        return new V1Affinity
        {
            PodAntiAffinity = spec.Availability.RequireNodeAntiAffinity
                ? new V1PodAntiAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [term] }
                : new V1PodAntiAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [new V1WeightedPodAffinityTerm { Weight = 100, PodAffinityTerm = term }] },
        };
    }

    private static V1PersistentVolumeClaim Claim(ClusterSpec spec, string name, string size) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = ObjectMeta.Labels(spec, "node") },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            StorageClassName = spec.Storage.ClassName,
            Resources = new V1VolumeResourceRequirements
            {
                Requests = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["storage"] = new(size) },
            },
        },
    };

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
