using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Spec;
using Pulumi;

namespace Ipfs.Components;

/// <summary>Services and NetworkPolicies: what can reach the cluster's pods, and from where.</summary>
public sealed class ClusterNetwork : ComponentResource
{
    /// <summary>Registers the network objects Manifests builds for the spec.</summary>
    public ClusterNetwork(string name, ClusterNetworkArgs args, ComponentResourceOptions? options = null)
        : base("ipfs:index:ClusterNetwork", name, args, options)
    {
        Objects = ManifestRegistration.Register(this, ClusterManifest.NetworkObjects(args.Spec),
            (_, _) => ManifestRegistration.Options(args.DependsOn, protect: false));
        RegisterOutputs();
    }

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
}
