using System.Collections.Immutable;
using System.Text.Json;
using Ipfs.Manifests.Serialization;
using k8s;
using k8s.Models;
using Pulumi;

namespace Ipfs.Components;

/// <summary>
/// One Kubernetes object built by the Manifests library, registered with the Kubernetes provider
/// under its real type token (e.g. <c>kubernetes:apps/v1:StatefulSet</c>), the same path
/// Pulumi.Kubernetes takes for objects read from YAML. The engine and the provider see exactly the
/// object <c>render</c> writes; nothing is described twice.
/// </summary>
public sealed class ManifestObject : CustomResource
{
    /// <summary>Registers an object whose fields are already known.</summary>
    public ManifestObject(string name, IKubernetesObject<V1ObjectMeta> obj, CustomResourceOptions? options = null)
        : this(name, obj, Output.Create(obj), options)
    {
    }

    /// <summary>
    /// Registers an object whose identity (apiVersion, kind, metadata) is given by <paramref name="shape"/>
    /// and whose other fields come from <paramref name="value"/> once it is known.
    /// </summary>
    public ManifestObject(string name, IKubernetesObject<V1ObjectMeta> shape, Output<IKubernetesObject<V1ObjectMeta>> value, CustomResourceOptions? options = null)
        : this(name, TypeToken(shape), Fields(shape, value), options)
    {
    }

    private ManifestObject(string name, string type, ImmutableDictionary<string, object?> inputs, CustomResourceOptions? options)
        : base(type, name, new DictionaryResourceArgs(inputs), options)
    {
        Inputs = inputs;
    }

    /// <summary>The inputs as registered: plain apiVersion, kind and metadata; every other top-level field an output.</summary>
    internal ImmutableDictionary<string, object?> Inputs { get; }

    /// <summary>The Pulumi type token of a Kubernetes kind: core group objects are <c>core/v1</c>.</summary>
    public static string TypeToken(IKubernetesObject obj) =>
        $"kubernetes:{(obj.ApiVersion.Contains('/', StringComparison.Ordinal) ? obj.ApiVersion : "core/" + obj.ApiVersion)}:{obj.Kind}";

    /// <summary>The logical name Pulumi.Kubernetes gives YAML objects: namespace/name, or name when cluster-scoped.</summary>
    public static string LogicalName(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata.NamespaceProperty is { } ns ? $"{ns}/{obj.Metadata.Name}" : obj.Metadata.Name;

    /// <summary>An object as plain JSON, the form both render and the engine see.</summary>
    public static JsonElement ToJson(IKubernetesObject obj) => JsonDocument.Parse(ManifestJson.Serialize(obj)).RootElement.Clone();

    private static ImmutableDictionary<string, object?> Fields(IKubernetesObject<V1ObjectMeta> shape, Output<IKubernetesObject<V1ObjectMeta>> value)
    {
        var shapeJson = ToJson(shape);
        var identity = shapeJson.GetProperty("metadata").GetRawText();
        var checkedValue = value.Apply(v =>
        {
            var json = ToJson(v);
            if (v.ApiVersion != shape.ApiVersion || v.Kind != shape.Kind || json.GetProperty("metadata").GetRawText() != identity)
                throw new InvalidOperationException($"{TypeToken(shape)} {LogicalName(shape)}: an object's identity must not depend on unknown values.");
            return json;
        });

        var fields = ImmutableDictionary.CreateBuilder<string, object?>();
        fields["apiVersion"] = shape.ApiVersion;
        fields["kind"] = shape.Kind;
        fields["metadata"] = shapeJson.GetProperty("metadata");
        foreach (var property in shapeJson.EnumerateObject())
        {
            if (property.Name is "apiVersion" or "kind" or "metadata") continue;
            var key = property.Name;
            fields[key] = checkedValue.Apply(json => json.GetProperty(key));
        }
        return fields.ToImmutable();
    }
}
