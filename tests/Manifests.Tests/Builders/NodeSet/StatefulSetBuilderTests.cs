using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Serialization;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.NodeSet;

public class StatefulSetBuilderTests
{
    private static NodeSetObjects Dev => new(TestSpecs.Dev);
    private static NodeSetObjects Prod => new(TestSpecs.Prod);

    [Fact]
    public void ImagesArePinnedReleasesFromTheSpec()
    {
        Assert.Equal(ConfigSchema.DefaultKuboImage, Dev.Kubo.Image);
        Assert.Equal(ConfigSchema.DefaultClusterImage, Dev.Cluster.Image);
        var custom = new NodeSetObjects(TestSpecs.Dev with { Images = new("registry.example/kubo:v0.42.1", "registry.example/cluster:v1.1.6") });
        Assert.Equal("registry.example/kubo:v0.42.1", custom.Kubo.Image);
        Assert.Equal("registry.example/cluster:v1.1.6", custom.Cluster.Image);
    }

    [Fact]
    public void PodsStartInParallelBehindAHeadlessServiceThatPublishesNotReadyAddresses()
    {
        var set = Dev;
        Assert.Equal("Parallel", set.StatefulSet.Spec.PodManagementPolicy);
        Assert.Equal(set.PeerService.Metadata.Name, set.StatefulSet.Spec.ServiceName);
        Assert.Equal("None", set.PeerService.Spec.ClusterIP);
        Assert.True(set.PeerService.Spec.PublishNotReadyAddresses);
        Assert.Equal(set.StatefulSet.Spec.Selector.MatchLabels, set.PeerService.Spec.Selector);
        Assert.Equal([4001, 9096], set.PeerService.Spec.Ports.Select(p => p.Port));
    }

    [Fact]
    public void VolumeClaimTemplatesUseTheSpecsClassAndStableSizesAndAreRetainedOnScaleDown()
    {
        // The templates are immutable: their size stays the profile's default whatever the stack
        // sets; the explicit claims of the storage component carry the configured size.
        var spec = TestSpecs.Prod with { Storage = new("premium", "250Gi", "20Gi") };
        var set = new NodeSetObjects(spec).StatefulSet;
        var data = set.Spec.VolumeClaimTemplates.Single(c => c.Metadata.Name == "data");
        var state = set.Spec.VolumeClaimTemplates.Single(c => c.Metadata.Name == "state");
        Assert.Equal("premium", data.Spec.StorageClassName);
        Assert.Equal("100Gi", data.Spec.Resources.Requests["storage"].ToString());
        Assert.Equal("10Gi", state.Spec.Resources.Requests["storage"].ToString());
        Assert.Equal("Retain", set.Spec.PersistentVolumeClaimRetentionPolicy.WhenScaled);
        Assert.Equal("Retain", set.Spec.PersistentVolumeClaimRetentionPolicy.WhenDeleted);
    }

    [Fact]
    public void EveryObjectCarriesTheAppKubernetesIoLabels()
    {
        var set = Dev;
        foreach (var labels in new[] { set.StatefulSet.Metadata.Labels, set.PeerService.Metadata.Labels, set.Budget.Metadata.Labels, set.StatefulSet.Spec.Template.Metadata.Labels })
        {
            Assert.Equal("ipfs-cluster", labels["app.kubernetes.io/name"]);
            Assert.Equal("ipfs", labels["app.kubernetes.io/instance"]);
            Assert.Equal("ipfs-infra", labels["app.kubernetes.io/managed-by"]);
            Assert.Contains("app.kubernetes.io/component", labels.Keys);
        }
    }

    [Fact]
    public void PodMeetsThePodSecurityStandardsRestrictedProfile()
    {
        var pod = Dev.Pod;
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal(1000, pod.SecurityContext.RunAsUser);
        Assert.Equal(100, pod.SecurityContext.RunAsGroup);
        Assert.Equal(100, pod.SecurityContext.FsGroup);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.False(pod.AutomountServiceAccountToken);
        foreach (var container in pod.Containers)
        {
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
            Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
            Assert.Contains(container.VolumeMounts, m => m.MountPath == "/tmp" && pod.Volumes.Single(v => v.Name == m.Name).EmptyDir is not null);
        }
    }

    [Fact]
    public void RequestsLimitsAndGoRuntimeSettingsFollowTheSpec()
    {
        var set = Prod;
        Assert.Equal("8Gi", set.Kubo.Resources.Limits["memory"].ToString());
        Assert.Equal("4", set.Kubo.Resources.Limits["cpu"].ToString());
        Assert.Equal("2Gi", set.Cluster.Resources.Limits["memory"].ToString());
        Assert.Equal("7372MiB", NodeSetObjects.Env(set.Kubo, "GOMEMLIMIT")); // 90% of 8Gi
        Assert.Equal("1843MiB", NodeSetObjects.Env(set.Cluster, "GOMEMLIMIT")); // 90% of 2Gi
        foreach (var container in set.Pod.Containers)
        {
            var maxProcs = container.Env.Single(e => e.Name == "GOMAXPROCS").ValueFrom.ResourceFieldRef;
            Assert.Equal("limits.cpu", maxProcs.Resource);
            Assert.Equal(container.Name, maxProcs.ContainerName);
        }
    }

    [Fact]
    public void ProbesUseClusterHealthEndpointAndKuboDiagHealthy()
    {
        var set = Dev;
        foreach (var probe in new[] { set.Cluster.StartupProbe, set.Cluster.ReadinessProbe, set.Cluster.LivenessProbe })
        {
            Assert.Equal("/health", probe.HttpGet.Path);
            Assert.Equal("9094", probe.HttpGet.Port.Value);
        }
        foreach (var probe in new[] { set.Kubo.StartupProbe, set.Kubo.ReadinessProbe, set.Kubo.LivenessProbe })
            Assert.Equal(["ipfs", "--api=/ip4/127.0.0.1/tcp/5001", "diag", "healthy"], probe.Exec.Command);
        Assert.True(set.Kubo.StartupProbe.PeriodSeconds * set.Kubo.StartupProbe.FailureThreshold >= 600, "startup must allow a long repo migration");
        Assert.True(set.Pod.TerminationGracePeriodSeconds >= 60);
    }

    [Fact]
    public void AtMostOnePeerMayBeDisruptedAtATime()
    {
        var set = Dev;
        Assert.Equal("1", set.Budget.Spec.MaxUnavailable.Value);
        Assert.Equal(set.StatefulSet.Spec.Selector.MatchLabels, set.Budget.Spec.Selector.MatchLabels);
    }

    [Fact]
    public void AntiAffinityIsRequiredInProdAndPreferredInDev()
    {
        Assert.Single(Prod.Pod.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution);
        Assert.Null(Prod.Pod.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution);
        Assert.Null(Dev.Pod.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution);
        Assert.Equal("kubernetes.io/hostname", Dev.Pod.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution.Single().PodAffinityTerm.TopologyKey);
    }

    [Fact]
    public void ProdSpreadsPodsAcrossZonesWithoutStrandingZonalVolumes()
    {
        var spread = Assert.Single(Prod.Pod.TopologySpreadConstraints);
        Assert.Equal("topology.kubernetes.io/zone", spread.TopologyKey);
        Assert.Equal("ScheduleAnyway", spread.WhenUnsatisfiable);
        Assert.Null(Dev.Pod.TopologySpreadConstraints);
    }

    [Fact]
    public void AConfigurationChangeChangesThePodTemplateChecksum()
    {
        static string Checksum(Spec.ClusterSpec s) => new NodeSetObjects(s).StatefulSet.Spec.Template.Metadata.Annotations[StatefulSetBuilder.ChecksumAnnotation];
        var baseline = Checksum(TestSpecs.Dev);
        Assert.Equal("RollingUpdate", new NodeSetObjects(TestSpecs.Dev).StatefulSet.Spec.UpdateStrategy.Type);
        Assert.Equal(baseline, Checksum(TestSpecs.Dev));
        Assert.NotEqual(baseline, Checksum(TestSpecs.Dev with { Storage = TestSpecs.Dev.Storage with { DataSize = "20Gi" } }));
        Assert.NotEqual(baseline, Checksum(TestSpecs.Dev with { Peers = 4, Replication = new(1, 2) }));
        Assert.NotEqual(baseline, Checksum(TestSpecs.Dev with { Network = TestSpecs.Dev.Network with { PrivateSwarm = true } }));
    }

    [Fact]
    public void ClusterIsTunedFromTheSpecWithUpstreamEnvironmentNames()
    {
        var spec = TestSpecs.Prod with { Replication = new(2, 3), Cluster = new(25, 200, "2m", false), Repinning = new(true, "50m", "20s", "40s") };
        var cluster = new NodeSetObjects(spec).Cluster;
        Assert.Equal("2", NodeSetObjects.Env(cluster, "CLUSTER_REPLICATIONFACTORMIN"));
        Assert.Equal("3", NodeSetObjects.Env(cluster, "CLUSTER_REPLICATIONFACTORMAX"));
        Assert.Equal("50m", NodeSetObjects.Env(cluster, "CLUSTER_MONITORPINGINTERVAL"));
        Assert.Equal("false", NodeSetObjects.Env(cluster, "CLUSTER_DISABLEREPINNING"));
        Assert.Equal("20s", NodeSetObjects.Env(cluster, "CLUSTER_PUBSUBMON_CHECKINTERVAL"));
        Assert.Equal("40s", NodeSetObjects.Env(cluster, "CLUSTER_DISK_METRICTTL"));
        Assert.Equal("40s", NodeSetObjects.Env(cluster, "CLUSTER_TAGS_METRICTTL"));
        Assert.Equal("40s", NodeSetObjects.Env(cluster, "CLUSTER_PINQUEUE_METRICTTL"));
        Assert.Equal("5m", NodeSetObjects.Env(cluster, "CLUSTER_STATESYNCINTERVAL"));
        Assert.Equal("25", NodeSetObjects.Env(cluster, "CLUSTER_STATELESS_CONCURRENTPINS"));
        Assert.Equal("200", NodeSetObjects.Env(cluster, "CLUSTER_CRDT_BATCHING_MAXBATCHSIZE"));
        Assert.Equal("2m", NodeSetObjects.Env(cluster, "CLUSTER_CRDT_BATCHING_MAXBATCHAGE"));
        Assert.Equal("ipfs", NodeSetObjects.Env(cluster, "CLUSTER_CRDT_CLUSTERNAME"));
        Assert.Equal("/ip4/127.0.0.1/tcp/5001", NodeSetObjects.Env(cluster, "CLUSTER_IPFSHTTP_NODEMULTIADDRESS"));
        Assert.Equal("/ip4/0.0.0.0/tcp/9094", NodeSetObjects.Env(cluster, "CLUSTER_RESTAPI_HTTPLISTENMULTIADDRESS"));
        Assert.Equal("true", NodeSetObjects.Env(cluster, "CLUSTER_METRICS_ENABLESTATS"));
        Assert.DoesNotContain(cluster.Env, e => e.Name == "CLUSTER_MONITOR_PING_INTERVAL");
    }

    [Fact]
    public void DevTurnsCrdtBatchingOffAndProdTurnsItOn()
    {
        Assert.Equal("0", NodeSetObjects.Env(Dev.Cluster, "CLUSTER_CRDT_BATCHING_MAXBATCHSIZE"));
        Assert.Equal("0s", NodeSetObjects.Env(Dev.Cluster, "CLUSTER_CRDT_BATCHING_MAXBATCHAGE"));
        Assert.NotEqual("0", NodeSetObjects.Env(Prod.Cluster, "CLUSTER_CRDT_BATCHING_MAXBATCHSIZE"));
    }

    [Fact]
    public void SecretsReachContainersOnlyByReferenceNeverAsValues()
    {
        var spec = TestSpecs.Dev with { Network = TestSpecs.Dev.Network with { PrivateSwarm = true } };
        var material = TestSpecs.Material(spec);
        var set = new NodeSetObjects(spec);
        var secret = NodeSetObjects.Env(set.Cluster, "CLUSTER_SECRET");
        Assert.Null(secret);
        Assert.Equal("ipfs-cluster-secret", set.Cluster.Env.Single(e => e.Name == "CLUSTER_SECRET").ValueFrom.SecretKeyRef.Name);
        Assert.Equal("ipfs-rest-api", set.Cluster.Env.Single(e => e.Name == "CLUSTER_RESTAPI_BASICAUTHCREDENTIALS").ValueFrom.SecretKeyRef.Name);
        var everything = ManifestJson.Serialize(set.StatefulSet) + ManifestJson.Serialize(set.Scripts) + ManifestJson.Serialize(set.PeerDirectory);
        Assert.DoesNotContain(material.ClusterSecretHex, everything);
        Assert.DoesNotContain(material.RestApiPassword, everything);
        Assert.DoesNotContain(material.SwarmKeyHex!, everything);
        Assert.All(material.ClusterPeers.Concat(material.KuboPeers), p => Assert.DoesNotContain(p.PrivateKeyBase64, everything));
    }

    [Fact]
    public void PrivateSwarmForcesPnetMountsTheKeyAndDropsUdpSwarm()
    {
        var set = new NodeSetObjects(TestSpecs.Dev with { Network = TestSpecs.Dev.Network with { PrivateSwarm = true } });
        Assert.Equal("1", NodeSetObjects.Env(set.Kubo, "LIBP2P_FORCE_PNET"));
        Assert.Contains(set.Kubo.VolumeMounts, m => m.MountPath == "/swarm");
        Assert.Equal("ipfs-swarm-key", set.Pod.Volumes.Single(v => v.Name == "swarm-key").Secret.SecretName);
        Assert.DoesNotContain(set.Kubo.Ports, p => p.Protocol == "UDP");
        Assert.Null(NodeSetObjects.Env(Dev.Kubo, "LIBP2P_FORCE_PNET"));
        Assert.Contains(Dev.Kubo.Ports, p => p.Protocol == "UDP");
    }

    [Fact]
    public void ScalingChangesOnlyTheReplicaCountAndAddsHighestOrdinals()
    {
        var three = new NodeSetObjects(TestSpecs.Dev);
        var five = new NodeSetObjects(TestSpecs.Dev with { Peers = 5 });
        Assert.Equal(5, five.StatefulSet.Spec.Replicas);
        var before = three.PeerDirectory.Data["cluster-peers"].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var after = five.PeerDirectory.Data["cluster-peers"].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(before, after.Take(3));
        Assert.StartsWith("3 ", after[3]);
        Assert.StartsWith("4 ", after[4]);
    }
}
