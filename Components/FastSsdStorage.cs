using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Spec;
using Pulumi;

namespace Ipfs.Components;

/// <summary>Fast-SSD StorageClasses, the backup volume and class, snapshots and their schedules.</summary>
public sealed class FastSsdStorage : ComponentResource
{
    /// <summary>Registers the storage objects Manifests builds for the spec.</summary>
    public FastSsdStorage(string name, FastSsdStorageArgs args, ComponentResourceOptions? options = null)
        : base("ipfs:index:FastSsdStorage", name, args, options)
    {
        Objects = ManifestRegistration.Register(this, ClusterManifest.StorageObjects(args.Spec),
            (_, _) => ManifestRegistration.Options(args.DependsOn, protect: false));
        RegisterOutputs();
    }

    /// <summary>The registered objects.</summary>
    public IReadOnlyList<ManifestObject> Objects { get; }
}

/// <summary>Arguments of <see cref="FastSsdStorage"/>.</summary>
public sealed class FastSsdStorageArgs : ResourceArgs
{
    /// <summary>The validated cluster spec.</summary>
    public required ClusterSpec Spec { get; init; }

    /// <summary>Resources the objects wait for.</summary>
    public IReadOnlyList<Resource> DependsOn { get; init; } = [];

    /// <summary>Namespace (recorded as the component's input).</summary>
    [Input("namespace")]
    public Input<string>? Namespace => Spec.Namespace;
}
