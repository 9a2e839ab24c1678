using System.Reflection;
using k8s.Models;

namespace Ipfs.Manifests.Crds;

/// <summary>
/// The typed custom-resource classes of this library (every class with a
/// <see cref="KubernetesEntityAttribute"/>), as the "apiVersion/kind" type map
/// <c>k8s.KubernetesYaml.LoadAllFromString</c> needs to read rendered YAML back into objects.
/// </summary>
public static class CustomResourceTypes
{
    /// <summary>"group/version/Kind" to type, e.g. "monitoring.coreos.com/v1/PodMonitor".</summary>
    public static IReadOnlyDictionary<string, Type> Map { get; } = typeof(CustomResourceTypes).Assembly.GetTypes()
        .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(x => x.Entity is not null)
        .ToDictionary(x => $"{x.Entity!.Group}/{x.Entity.ApiVersion}/{x.Entity.Kind}", x => x.Type, StringComparer.Ordinal);

    /// <summary>A mutable copy of <see cref="Map"/>, in the form KubernetesYaml's typeMap parameter takes.</summary>
    public static IDictionary<string, Type> TypeMap() => new Dictionary<string, Type>(Map, StringComparer.Ordinal);
}
