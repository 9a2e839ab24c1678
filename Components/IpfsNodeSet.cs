using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;
using Pulumi;

namespace Ipfs.Components;

/// <summary>
/// The IPFS node set: pods that each run a kubo node plus its ipfs-cluster peer, and the objects
/// that let them find each other by stable name and pre-generated identity.
/// </summary>
public sealed class IpfsNodeSet : ComponentResource
{
    /// <summary>Registers the node set's objects.</summary>
    public IpfsNodeSet(string name, IpfsNodeSetArgs args, ComponentResourceOptions? options = null)
        : base("ipfs:index:IpfsNodeSet", name, args, options)
    {
        var spec = args.Spec;
        var shape = ClusterManifest.NodeSetObjects(spec, ClusterIdentities.Placeholder(spec.Peers), SecretsChecksum.Placeholder);
        // Only the StatefulSet carries the Secrets' digest: the other objects are built from the
        // identities alone, so a rotation shows in a preview as a change of the StatefulSet only.
        var withoutDigest = args.Identities.Apply(ids => ClusterManifest.NodeSetObjects(spec, ids, SecretsChecksum.Placeholder));
        var withDigest = Output.Tuple(args.Identities, args.SecretsChecksum)
            .Apply(t => ClusterManifest.NodeSetObjects(spec, t.Item1, t.Item2));
        Objects = ManifestRegistration.Register(this, shape,
            obj => obj is V1StatefulSet ? withDigest : withoutDigest,
            (obj, earlier) => ObjectOptions(spec, obj, args.DependsOn, earlier));

        PeerServiceName = Output.Create(spec.Names.PeerService);
        StatefulSetName = Output.Create(spec.Names.StatefulSet);
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["peerServiceName"] = PeerServiceName,
            ["statefulSetName"] = StatefulSetName,
        });
    }

    /// <summary>
    /// The StatefulSet waits for everything it mounts and is protected when the spec protects
    /// stateful resources: replacing it (an immutable field changed) must be a deliberate act.
    /// </summary>
    internal static CustomResourceOptions ObjectOptions(ClusterSpec spec, IKubernetesObject<V1ObjectMeta> obj,
        IReadOnlyList<Resource> dependsOn, IReadOnlyList<ManifestObject> earlier) => obj is V1StatefulSet
        ? ManifestRegistration.Options([.. dependsOn, .. earlier], spec.Protect)
        : ManifestRegistration.Options(dependsOn, protect: false);

    /// <summary>Name of the headless governing Service.</summary>
    [Output("peerServiceName")]
    public Output<string> PeerServiceName { get; private set; }

    /// <summary>Name of the StatefulSet.</summary>
    [Output("statefulSetName")]
    public Output<string> StatefulSetName { get; private set; }

    /// <summary>The registered objects.</summary>
    public IReadOnlyList<ManifestObject> Objects { get; }
}

/// <summary>Arguments of <see cref="IpfsNodeSet"/>.</summary>
public sealed class IpfsNodeSetArgs : ResourceArgs
{
    /// <summary>The validated cluster spec.</summary>
    public required ClusterSpec Spec { get; init; }

    /// <summary>Public peer IDs by ordinal (from <see cref="ClusterSecrets.Identities"/>).</summary>
    public required Output<ClusterIdentities> Identities { get; init; }

    /// <summary>Keyed digest of the Secrets the pods read (from <see cref="ClusterSecrets.SecretsChecksum"/>).</summary>
    public required Output<string> SecretsChecksum { get; init; }

    /// <summary>Resources the objects wait for (the namespace, the Secrets they mount).</summary>
    public IReadOnlyList<Resource> DependsOn { get; init; } = [];

    /// <summary>Namespace (recorded as the component's input).</summary>
    [Input("namespace")]
    public Input<string>? Namespace => Spec.Namespace;

    /// <summary>Peer count (recorded as the component's input).</summary>
    [Input("peers")]
    public Input<int>? Peers => Spec.Peers;
}
