using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Spec;
using Pulumi;

namespace Ipfs.Components;

/// <summary>
/// A complete IPFS cluster on Kubernetes (kubo nodes with their ipfs-cluster peers, CRDT
/// consensus): its namespace, storage, secret material, networking, node set and monitoring.
/// Give it a Kubernetes provider through the resource options; every child inherits it. The
/// arguments are checked first, with the profile defaults and every rule of the stack config: with
/// any problem, nothing is registered.
/// </summary>
public sealed class IpfsCluster : ComponentResource
{
    /// <summary>Checks the arguments and registers the cluster.</summary>
    /// <exception cref="IpfsClusterArgsException">An input is missing or invalid (every problem listed).</exception>
    /// <exception cref="ConfigValidationException">A spec from <see cref="IpfsClusterArgs.FromSpec"/> breaks a cross-key rule.</exception>
    public IpfsCluster(string name, IpfsClusterArgs args, ComponentResourceOptions? options = null)
        : this(name, args, SpecOf(name, args), options)
    {
    }

    private IpfsCluster(string name, IpfsClusterArgs args, ClusterSpec spec, ComponentResourceOptions? options)
        : base("ipfs:index:IpfsCluster", name, args, options)
    {
        var ns = new ManifestObject(spec.Namespace, NamespaceBuilder.Build(spec), new CustomResourceOptions { Parent = this, Protect = spec.Protect });

        Storage = new FastSsdStorage($"{name}-storage", new FastSsdStorageArgs { Spec = spec, DependsOn = [ns] },
            new ComponentResourceOptions { Parent = this });
        Secrets = new ClusterSecrets($"{name}-secrets", new ClusterSecretsArgs { Spec = spec, DependsOn = [ns] },
            new ComponentResourceOptions { Parent = this });
        Network = new ClusterNetwork($"{name}-network", new ClusterNetworkArgs { Spec = spec, DependsOn = [ns] },
            new ComponentResourceOptions { Parent = this });
        NodeSet = new IpfsNodeSet($"{name}-node-set", new IpfsNodeSetArgs
        {
            Spec = spec,
            Identities = Secrets.Identities,
            SecretsChecksum = Secrets.SecretsChecksum,
            DependsOn = [ns, .. Storage.Objects, .. Secrets.Secrets],
        }, new ComponentResourceOptions { Parent = this });
        Monitoring = new ClusterMonitoring($"{name}-monitoring", new ClusterMonitoringArgs { Spec = spec, DependsOn = [ns] },
            new ComponentResourceOptions { Parent = this });

        Namespace = Output.Create(spec.Namespace);
        PeerServiceName = NodeSet.PeerServiceName;
        ApiServiceName = Network.ApiServiceName;
        GatewayServiceName = Network.GatewayServiceName;
        ClusterPeerIds = Secrets.ClusterPeerIds.Apply(ids => ids.ToArray());
        KuboPeerIds = Secrets.KuboPeerIds.Apply(ids => ids.ToArray());
        RestApiUser = Output.Create(spec.RestApi.User);
        RestApiPassword = Secrets.RestApiPassword;
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["namespace"] = Namespace,
            ["peerServiceName"] = PeerServiceName,
            ["apiServiceName"] = ApiServiceName,
            ["gatewayServiceName"] = GatewayServiceName,
            ["clusterPeerIds"] = ClusterPeerIds,
            ["kuboPeerIds"] = KuboPeerIds,
            ["restApiUser"] = RestApiUser,
            ["restApiPassword"] = RestApiPassword,
        });
    }

    /// <summary>Namespace of every object.</summary>
    [Output("namespace")]
    public Output<string> Namespace { get; private set; }

    /// <summary>Headless Service that gives each peer a stable DNS name.</summary>
    [Output("peerServiceName")]
    public Output<string> PeerServiceName { get; private set; }

    /// <summary>Internal Service of the cluster REST API (9094), IPFS proxy (9095) and pinning service API (9097).</summary>
    [Output("apiServiceName")]
    public Output<string> ApiServiceName { get; private set; }

    /// <summary>Internal Service of kubo's HTTP gateway (8080).</summary>
    [Output("gatewayServiceName")]
    public Output<string> GatewayServiceName { get; private set; }

    /// <summary>ipfs-cluster peer IDs by ordinal.</summary>
    [Output("clusterPeerIds")]
    public Output<string[]> ClusterPeerIds { get; private set; }

    /// <summary>kubo peer IDs by ordinal.</summary>
    [Output("kuboPeerIds")]
    public Output<string[]> KuboPeerIds { get; private set; }

    /// <summary>REST API basic-auth user.</summary>
    [Output("restApiUser")]
    public Output<string> RestApiUser { get; private set; }

    /// <summary>REST API basic-auth password (a Pulumi secret).</summary>
    [Output("restApiPassword")]
    public Output<string> RestApiPassword { get; private set; }

    // The children stay internal: a multi-language component may expose only [Output] members.

    /// <summary>The storage component.</summary>
    internal FastSsdStorage Storage { get; }

    /// <summary>The networking component.</summary>
    internal ClusterNetwork Network { get; }

    /// <summary>The monitoring component.</summary>
    internal ClusterMonitoring Monitoring { get; }

    /// <summary>The secret material component.</summary>
    internal ClusterSecrets Secrets { get; }

    /// <summary>The node set component.</summary>
    internal IpfsNodeSet NodeSet { get; }

    private static ClusterSpec SpecOf(string name, IpfsClusterArgs args)
    {
        if (args.Spec is not { } spec)
            return ClusterArgsConfig.Load(name, args);
        var problems = ClusterSpecLoader.Validate(spec);
        if (problems.Count > 0) throw new ConfigValidationException(problems);
        return spec;
    }
}
