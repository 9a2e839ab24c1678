using Ipfs.Manifests.Rendering;
using k8s;
using k8s.Models;
using Pulumi;

namespace Ipfs.Components;

/// <summary>Registers a component's Manifests objects as children of the component.</summary>
internal static class ManifestRegistration
{
    /// <summary>
    /// Registers every object of <paramref name="value"/>. The objects' count and identities come
    /// from <paramref name="shape"/>, built from placeholder identities, so resources are never
    /// created inside an apply and a first preview shows every object.
    /// </summary>
    public static IReadOnlyList<ManifestObject> Register(
        Resource parent,
        IReadOnlyList<IKubernetesObject<V1ObjectMeta>> shape,
        Output<IReadOnlyList<IKubernetesObject<V1ObjectMeta>>> value,
        Func<IKubernetesObject<V1ObjectMeta>, IReadOnlyList<ManifestObject>, CustomResourceOptions> options)
    {
        var registered = new List<ManifestObject>(shape.Count);
        var checkedValue = value.Apply(list => list.Count == shape.Count
            ? list
            : throw new InvalidOperationException($"Expected {shape.Count} objects but the builder returned {list.Count}."));
        for (var i = 0; i < shape.Count; i++)
        {
            var index = i;
            var opts = options(shape[i], registered);
            opts.Parent ??= parent;
            registered.Add(new ManifestObject(ManifestObject.LogicalName(shape[i]), shape[i], checkedValue.Apply(list => list[index]), opts));
        }
        return registered;
    }

    /// <summary>Registers objects that depend on nothing unknown.</summary>
    public static IReadOnlyList<ManifestObject> Register(
        Resource parent,
        IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects,
        Func<IKubernetesObject<V1ObjectMeta>, IReadOnlyList<ManifestObject>, CustomResourceOptions> options) =>
        Register(parent, objects, Output.Create(objects), options);

    /// <summary>Options for an object: depend on <paramref name="dependsOn"/>; protect when asked.</summary>
    public static CustomResourceOptions Options(IEnumerable<Resource> dependsOn, bool protect) => new()
    {
        DependsOn = dependsOn.ToList(),
        Protect = protect,
    };
}
