using k8s;
using k8s.Models;

namespace Ipfs.Manifests.Rendering;

/// <summary>The objects of one component (one Pulumi ComponentResource, one rendered file).</summary>
/// <param name="Name">File-and-component name, e.g. <c>node-set</c>.</param>
/// <param name="Objects">Objects in apply order.</param>
public sealed record ManifestComponent(string Name, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects);
