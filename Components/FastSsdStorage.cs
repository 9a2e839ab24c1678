using Ipfs.Manifests.Builders.Storage;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;
using Pulumi;

namespace Ipfs.Components;

/// <summary>
/// Storage of the cluster: the fast-SSD StorageClass of the platform, every peer's volume claims
/// (named as the StatefulSet names them, so growing a volume is an in-place expansion), the backup
/// volume on its cheaper class with the pinset backup and restore CronJobs, and the VolumeSnapshotClass
/// with the snapshot CronJob and its RBAC. Claims are retained on delete in every profile (a scale-down,
/// a replacement or a destroy never deletes a volume); classes are protected when the spec protects
/// stateful resources (prod). See <see cref="StorageRetention"/>.
/// </summary>
public sealed class FastSsdStorage : ComponentResource
{
    /// <summary>
    /// Registers the storage objects Manifests builds for the spec. When <see cref="FastSsdStorageArgs.Deployed"/>
    /// is given, shrinking, class and restore-source changes are refused first, exactly as render refuses them.
    /// </summary>
    /// <exception cref="Manifests.Config.ConfigValidationException">A change the deployed claims cannot take.</exception>
    public FastSsdStorage(string name, FastSsdStorageArgs args, ComponentResourceOptions? options = null)
        : base("ipfs:index:FastSsdStorage", name, args, options)
    {
        var spec = args.Spec;
        if (args.Deployed is { } deployed)
            StorageChanges.Verify(deployed, spec, "FastSsdStorage");

        var objects = ClusterManifest.StorageObjects(spec);
        Objects = ManifestRegistration.Register(this, objects,
            (obj, earlier) => RegistrationOptions(obj, spec, [.. args.DependsOn, .. earlier.Where((_, i) => StorageRetention.IsPrerequisite(objects[i], spec))]));

        ClassName = Output.Create(spec.Storage.ClassName);
        RegisterOutputs(new Dictionary<string, object?> { ["className"] = ClassName });
    }

    /// <summary>StorageClass of the node set's volumes.</summary>
    [Output("className")]
    public Output<string> ClassName { get; private set; }

    /// <summary>The registered objects.</summary>
    public IReadOnlyList<ManifestObject> Objects { get; }

    /// <summary>
    /// The options a storage object is registered with: it waits for <paramref name="dependsOn"/>,
    /// and protection and retention come from <see cref="StorageRetention.For"/>.
    /// </summary>
    internal static CustomResourceOptions RegistrationOptions(IKubernetesObject<V1ObjectMeta> obj, ClusterSpec spec, IEnumerable<Resource> dependsOn)
    {
        var keep = StorageRetention.For(obj, spec);
        return new CustomResourceOptions
        {
            DependsOn = dependsOn.ToList(),
            Protect = keep.Protect,
            RetainOnDelete = keep.RetainOnDelete,
        };
    }
}

/// <summary>Arguments of <see cref="FastSsdStorage"/>.</summary>
public sealed class FastSsdStorageArgs : ResourceArgs
{
    /// <summary>The validated cluster spec.</summary>
    public required ClusterSpec Spec { get; init; }

    /// <summary>Resources the objects wait for.</summary>
    public IReadOnlyList<Resource> DependsOn { get; init; } = [];

    /// <summary>
    /// The volume claims as deployed (e.g. read from the cluster with <see cref="StorageState.FromObjects"/>);
    /// null: Pulumi's own plan is the comparison (claims are retained on delete, so a class change fails
    /// at the API instead of deleting data, and shrinking fails its server-side dry run in preview).
    /// </summary>
    public StorageState? Deployed { get; init; }

    /// <summary>Namespace (recorded as the component's input).</summary>
    [Input("namespace")]
    public Input<string>? Namespace => Spec.Namespace;

    /// <summary>StorageClass of the node set's volumes (recorded as the component's input).</summary>
    [Input("className")]
    public Input<string>? ClassName => Spec.Storage.ClassName;
}
