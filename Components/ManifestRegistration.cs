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
        Func<IKubernetesObject<V1ObjectMeta>, IReadOnlyList<ManifestObject>, CustomResourceOptions> options) =>
        Register(parent, shape, _ => value, options);

    /// <summary>
    /// Registers every object of <paramref name="shape"/>, object <c>i</c> taken from the list
    /// <paramref name="valueFor"/> gives for it: objects may come from lists built from different
    /// outputs, so an object stays known while another one waits for an unknown value.
    /// </summary>
    public static IReadOnlyList<ManifestObject> Register(
        Resource parent,
        IReadOnlyList<IKubernetesObject<V1ObjectMeta>> shape,
        Func<IKubernetesObject<V1ObjectMeta>, Output<IReadOnlyList<IKubernetesObject<V1ObjectMeta>>>> valueFor,
        Func<IKubernetesObject<V1ObjectMeta>, IReadOnlyList<ManifestObject>, CustomResourceOptions> options)
    {
        var registered = new List<ManifestObject>(shape.Count);
        for (var i = 0; i < shape.Count; i++)
        {
            var index = i;
            var checkedValue = valueFor(shape[i]).Apply(list => list.Count == shape.Count
                ? list[index]
                : throw new InvalidOperationException($"Expected {shape.Count} objects but the builder returned {list.Count}."));
            var opts = options(shape[i], registered);
            opts.Parent ??= parent;
            registered.Add(new ManifestObject(ManifestObject.LogicalName(shape[i]), shape[i], checkedValue, opts));
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
