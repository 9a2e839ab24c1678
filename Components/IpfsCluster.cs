using System.Collections.Immutable;
using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Spec;
using Pulumi;

namespace Ipfs.Components;

/// <summary>
/// A complete IPFS cluster on Kubernetes: its namespace, storage, secret material, networking,
/// node set and monitoring. Give it a
/// Kubernetes provider through <c>ComponentResourceOptions.Provider(s)</c>; every child inherits it.
/// The spec is validated first: a spec with any problem registers nothing.
/// </summary>
public sealed class IpfsCluster : ComponentResource
{
    /// <summary>Validates <see cref="IpfsClusterArgs.Spec"/> and registers the cluster.</summary>
    /// <exception cref="ConfigValidationException">The spec breaks a cross-key rule (every problem listed).</exception>
    public IpfsCluster(string name, IpfsClusterArgs args, ComponentResourceOptions? options = null)
        : base("ipfs:index:IpfsCluster", name, ValidatedArgs(args), options)
    {
        var spec = args.Spec;
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
        ClusterPeerIds = Secrets.ClusterPeerIds;
        KuboPeerIds = Secrets.KuboPeerIds;
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
    public Output<ImmutableArray<string>> ClusterPeerIds { get; private set; }

    /// <summary>kubo peer IDs by ordinal.</summary>
    [Output("kuboPeerIds")]
    public Output<ImmutableArray<string>> KuboPeerIds { get; private set; }

    /// <summary>REST API basic-auth user.</summary>
    [Output("restApiUser")]
    public Output<string> RestApiUser { get; private set; }

    /// <summary>REST API basic-auth password (a Pulumi secret).</summary>
    [Output("restApiPassword")]
    public Output<string> RestApiPassword { get; private set; }

    /// <summary>The storage component.</summary>
    public FastSsdStorage Storage { get; }

    /// <summary>The networking component.</summary>
    public ClusterNetwork Network { get; }

    /// <summary>The monitoring component.</summary>
    public ClusterMonitoring Monitoring { get; }

    /// <summary>The secret material component.</summary>
    public ClusterSecrets Secrets { get; }

    /// <summary>The node set component.</summary>
    public IpfsNodeSet NodeSet { get; }

    private static IpfsClusterArgs ValidatedArgs(IpfsClusterArgs args)
    {
        var problems = ClusterSpecLoader.Validate(args.Spec);
        if (problems.Count > 0) throw new ConfigValidationException(problems);
        return args;
    }
}

/// <summary>Arguments of <see cref="IpfsCluster"/>.</summary>
public sealed class IpfsClusterArgs : ResourceArgs
{
    /// <summary>
    /// The cluster spec: load it from stack config with <see cref="ClusterSpecLoader"/>, or start
    /// from <see cref="ClusterSpecDefaults.For"/> and change what you need with <c>with</c>.
    /// </summary>
    public required ClusterSpec Spec { get; init; }

    /// <summary>Namespace (recorded as the component's input).</summary>
    [Input("namespace")]
    public Input<string>? Namespace => Spec.Namespace;

    /// <summary>Peer count (recorded as the component's input).</summary>
    [Input("peers")]
    public Input<int>? Peers => Spec.Peers;
}
