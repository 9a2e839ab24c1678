using Ipfs.Manifests.Builders.Network;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders.NodeSet;

/// <summary>The two containers of a node pod: kubo and its ipfs-cluster peer.</summary>
public static class NodeContainers
{
    /// <summary>kubo's health command (kubo v0.42+): RPC and DAG pipeline, failing after a shutdown signal.</summary>
    public static readonly string[] KuboHealthCommand = ["ipfs", $"--api=/ip4/127.0.0.1/tcp/{Ports.KuboApi}", "diag", "healthy"];

    /// <summary>The kubo container; its image entrypoint runs the /container-init.d scripts before the daemon.</summary>
    public static V1Container Kubo(ClusterSpec spec)
    {
        var env = new List<V1EnvVar>
        {
            FieldEnv("POD_NAME", "metadata.name"),
            Env("IPFS_PATH", NodeScripts.KuboRepo),
            Env("IPFS_TELEMETRY", "off"),
            Env("GOMEMLIMIT", PodSizing.GoMemLimit(spec.Resources.Kubo.MemoryLimit)),
            CpuEnv("GOMAXPROCS", "kubo"),
        };
        if (spec.Network.PrivateSwarm) env.Add(Env("LIBP2P_FORCE_PNET", "1"));
        if (SwarmAnnouncement.NeedsHostIp(spec)) env.Add(FieldEnv(SwarmAnnouncement.HostIpVariable, "status.hostIP"));

        var ports = new List<V1ContainerPort> { Port("swarm", Ports.KuboSwarm) };
        if (!spec.Network.PrivateSwarm) ports.Add(Port("swarm-udp", Ports.KuboSwarm, "UDP"));
        ports.Add(Port("api", Ports.KuboApi));
        ports.Add(Port("gateway", Ports.KuboGateway));

        var mounts = new List<V1VolumeMount>
        {
            new() { Name = StatefulSetBuilder.DataVolume, MountPath = NodeScripts.KuboRepo },
            new() { Name = "kubo-init", MountPath = NodeScripts.KuboInitDirectory, ReadOnlyProperty = true },
            new() { Name = "peers", MountPath = NodeScripts.PeersDirectory, ReadOnlyProperty = true },
            new() { Name = "identities", MountPath = NodeScripts.IdentitiesDirectory, ReadOnlyProperty = true },
            new() { Name = "kubo-tmp", MountPath = "/tmp" },
        };
        if (spec.Network.PrivateSwarm)
            mounts.Add(new() { Name = "swarm-key", MountPath = NodeScripts.SwarmKeyDirectory, ReadOnlyProperty = true });

        var health = new V1ExecAction { Command = KuboHealthCommand };
        return new V1Container
        {
            Name = "kubo",
            Image = spec.Images.Kubo,
            ImagePullPolicy = "IfNotPresent",
            // The image's default arguments plus --enable-gc, so Datastore.StorageMax is enforced.
            Args = ["daemon", "--migrate=true", "--agent-version-suffix=docker", "--enable-gc"],
            Env = env,
            Ports = ports,
            Resources = PodSizing.Requirements(spec.Resources.Kubo),
            SecurityContext = PodSecurity.Container(),
            VolumeMounts = mounts,
            // Generous: a repo migration on a large datastore runs before the API answers.
            StartupProbe = new V1Probe { Exec = health, PeriodSeconds = 10, TimeoutSeconds = 5, FailureThreshold = 180 },
            ReadinessProbe = new V1Probe { Exec = health, PeriodSeconds = 15, TimeoutSeconds = 5, FailureThreshold = 3 },
            LivenessProbe = new V1Probe { Exec = health, PeriodSeconds = 30, TimeoutSeconds = 10, FailureThreshold = 5 },
        };
    }

    /// <summary>The ipfs-cluster container, started through the ordinal-selecting script.</summary>
    public static V1Container Cluster(ClusterSpec spec)
    {
        var names = spec.Names;
        var local = $"/ip4/127.0.0.1/tcp/{Ports.KuboApi}";
        var env = new List<V1EnvVar>
        {
            FieldEnv("POD_NAME", "metadata.name"),
            FieldEnv("CLUSTER_PEERNAME", "metadata.name"),
            Env("IPFS_CLUSTER_PATH", NodeScripts.ClusterRepo),
            SecretEnv("CLUSTER_SECRET", names.ClusterSecret, ClusterSecretsBuilder.ClusterSecretKey),
            SecretEnv("CLUSTER_RESTAPI_BASICAUTHCREDENTIALS", names.RestApiCredentials, ClusterSecretsBuilder.BasicAuthKey),
            SecretEnv("CLUSTER_PINSVCAPI_BASICAUTHCREDENTIALS", names.RestApiCredentials, ClusterSecretsBuilder.BasicAuthKey),
            Env("CLUSTER_CRDT_CLUSTERNAME", spec.Name),
            Env("CLUSTER_LISTENMULTIADDRESS", $"/ip4/0.0.0.0/tcp/{Ports.ClusterSwarm}"),
            Env("CLUSTER_IPFSHTTP_NODEMULTIADDRESS", local),
            Env("CLUSTER_IPFSPROXY_NODEMULTIADDRESS", local),
            Env("CLUSTER_RESTAPI_HTTPLISTENMULTIADDRESS", $"/ip4/0.0.0.0/tcp/{Ports.ClusterRestApi}"),
            Env("CLUSTER_IPFSPROXY_LISTENMULTIADDRESS", $"/ip4/0.0.0.0/tcp/{Ports.ClusterProxy}"),
            Env("CLUSTER_PINSVCAPI_HTTPLISTENMULTIADDRESS", $"/ip4/0.0.0.0/tcp/{Ports.ClusterPinningService}"),
            Env("CLUSTER_METRICS_ENABLESTATS", "true"),
            Env("CLUSTER_METRICS_PROMETHEUSENDPOINT", $"/ip4/0.0.0.0/tcp/{Ports.ClusterMetrics}"),
            Env("CLUSTER_REPLICATIONFACTORMIN", StatefulSetBuilder.Invariant(spec.Replication.Min)),
            Env("CLUSTER_REPLICATIONFACTORMAX", StatefulSetBuilder.Invariant(spec.Replication.Max)),
            // Failover (cluster.repinning.*). Names as envconfig derives them from the Go field
            // names in ipfs-cluster v1.1.6 cluster_config.go, monitor/pubsubmon/config.go and
            // informer/{disk,tags,pinqueue}/config.go (the informers ipfs-cluster-service
            // registers, cmdutils/configs.go).
            Env("CLUSTER_DISABLEREPINNING", spec.Repinning.Enabled ? "false" : "true"),
            Env("CLUSTER_MONITORPINGINTERVAL", spec.Repinning.Grace),
            Env("CLUSTER_PUBSUBMON_CHECKINTERVAL", spec.Repinning.CheckInterval),
            Env("CLUSTER_DISK_METRICTTL", spec.Repinning.InformerTtl),
            Env("CLUSTER_TAGS_METRICTTL", spec.Repinning.InformerTtl),
            Env("CLUSTER_PINQUEUE_METRICTTL", spec.Repinning.InformerTtl),
            Env("CLUSTER_STATESYNCINTERVAL", ClusterTimings.StateSyncIntervalText),
            Env("CLUSTER_STATELESS_CONCURRENTPINS", StatefulSetBuilder.Invariant(spec.Cluster.ConcurrentPins)),
            Env("CLUSTER_CRDT_BATCHING_MAXBATCHSIZE", StatefulSetBuilder.Invariant(spec.Cluster.CrdtBatchSize)),
            Env("CLUSTER_CRDT_BATCHING_MAXBATCHAGE", spec.Cluster.CrdtBatchSize > 0 ? spec.Cluster.CrdtBatchMaxAge : "0s"),
            Env("GOMEMLIMIT", PodSizing.GoMemLimit(spec.Resources.Cluster.MemoryLimit)),
            CpuEnv("GOMAXPROCS", "cluster"),
        };

        var health = new V1HTTPGetAction { Path = "/health", Port = Ports.ClusterRestApi };
        return new V1Container
        {
            Name = "cluster",
            Image = spec.Images.Cluster,
            ImagePullPolicy = "IfNotPresent",
            Command = ["/sbin/tini", "--", "/bin/sh", $"/scripts/{NodeScripts.ClusterStartScript}"],
            Env = env,
            Ports =
            [
                Port("cluster-swarm", Ports.ClusterSwarm),
                Port("rest-api", Ports.ClusterRestApi),
                Port("ipfs-proxy", Ports.ClusterProxy),
                Port("pinning-svc", Ports.ClusterPinningService),
                Port("metrics", Ports.ClusterMetrics),
            ],
            Resources = PodSizing.Requirements(spec.Resources.Cluster),
            SecurityContext = PodSecurity.Container(),
            VolumeMounts =
            [
                new() { Name = StatefulSetBuilder.StateVolume, MountPath = NodeScripts.ClusterRepo },
                new() { Name = "cluster-scripts", MountPath = "/scripts", ReadOnlyProperty = true },
                new() { Name = "peers", MountPath = NodeScripts.PeersDirectory, ReadOnlyProperty = true },
                new() { Name = "identities", MountPath = NodeScripts.IdentitiesDirectory, ReadOnlyProperty = true },
                new() { Name = "cluster-tmp", MountPath = "/tmp" },
            ],
            StartupProbe = new V1Probe { HttpGet = health, PeriodSeconds = 5, TimeoutSeconds = 3, FailureThreshold = 120 },
            ReadinessProbe = new V1Probe { HttpGet = health, PeriodSeconds = 10, TimeoutSeconds = 3, FailureThreshold = 3 },
            LivenessProbe = new V1Probe { HttpGet = health, PeriodSeconds = 30, TimeoutSeconds = 5, FailureThreshold = 5 },
        };
    }

    private static V1ContainerPort Port(string name, int port, string protocol = "TCP") =>
        new() { Name = name, ContainerPort = port, Protocol = protocol };

    private static V1EnvVar Env(string name, string value) => new() { Name = name, Value = value };

    private static V1EnvVar FieldEnv(string name, string path) =>
        new() { Name = name, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = path } } };

    private static V1EnvVar SecretEnv(string name, string secret, string key) =>
        new() { Name = name, ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret, Key = key } } };

    private static V1EnvVar CpuEnv(string name, string container) =>
        new() { Name = name, ValueFrom = new V1EnvVarSource { ResourceFieldRef = new V1ResourceFieldSelector { ContainerName = container, Resource = "limits.cpu", Divisor = new ResourceQuantity("1") } } };
}
