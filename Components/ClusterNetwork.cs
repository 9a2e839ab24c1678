using System.Collections.Immutable;
using System.Text.Json;
using Ipfs.Manifests.Builders.Network;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Spec;
using Pulumi;

namespace Ipfs.Components;

/// <summary>
/// Services and NetworkPolicies: what can reach the cluster's pods, and from where. The internal
/// API and gateway Services, per-pod swarm Services when <c>network.exposure</c> asks for them, the
/// gateway Ingress when enabled, and NetworkPolicies that deny everything the config does not name.
/// Holds no secret: every object depends only on the spec.
/// </summary>
public sealed class ClusterNetwork : ComponentResource
{
    /// <summary>Registers the network objects Manifests builds for the spec.</summary>
    public ClusterNetwork(string name, ClusterNetworkArgs args, ComponentResourceOptions? options = null)
        : base("ipfs:index:ClusterNetwork", name, args, options)
    {
        var spec = args.Spec;
        Objects = ManifestRegistration.Register(this, ClusterManifest.NetworkObjects(spec),
            (_, _) => ManifestRegistration.Options(args.DependsOn, protect: false));

        ApiServiceName = Output.Create(NetworkNames.ApiService(spec));
        GatewayServiceName = Output.Create(NetworkNames.GatewayService(spec));
        SwarmServiceNames = Output.Create(SwarmExposureBuilder.Build(spec).Select(s => s.Metadata.Name).ToImmutableArray());
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["apiServiceName"] = ApiServiceName,
            ["gatewayServiceName"] = GatewayServiceName,
            ["swarmServiceNames"] = SwarmServiceNames,
        });
    }

    /// <summary>ClusterIP Service of the REST API (9094), IPFS proxy (9095) and pinning service API (9097).</summary>
    [Output("apiServiceName")]
    public Output<string> ApiServiceName { get; private set; }

    /// <summary>ClusterIP Service of kubo's gateway (8080), for a gateway layer to front.</summary>
    [Output("gatewayServiceName")]
    public Output<string> GatewayServiceName { get; private set; }

    /// <summary>Per-pod NodePort or LoadBalancer Services of the swarm port, by ordinal (empty without exposure).</summary>
    [Output("swarmServiceNames")]
    public Output<ImmutableArray<string>> SwarmServiceNames { get; private set; }

    /// <summary>The registered objects.</summary>
    public IReadOnlyList<ManifestObject> Objects { get; }
}

/// <summary>Arguments of <see cref="ClusterNetwork"/>.</summary>
public sealed class ClusterNetworkArgs : ResourceArgs
{
    /// <summary>The validated cluster spec.</summary>
    public required ClusterSpec Spec { get; init; }

    /// <summary>Resources the objects wait for.</summary>
    public IReadOnlyList<Resource> DependsOn { get; init; } = [];

    /// <summary>Namespace (recorded as the component's input).</summary>
    [Input("namespace")]
    public Input<string>? Namespace => Spec.Namespace;

    /// <summary>Swarm exposure: none, nodePort or loadBalancer (recorded as the component's input).</summary>
    [Input("exposure")]
    public Input<string>? Exposure => JsonNamingPolicy.CamelCase.ConvertName(Spec.Network.Exposure.ToString());
}
