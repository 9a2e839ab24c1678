using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using k8s;

namespace Ipfs.Manifests.Serialization;

/// <summary>
/// JSON of the objects this library builds, without reflection: source-generated metadata
/// (<see cref="ManifestJsonContext"/>) with KubernetesClient's settings (nulls omitted, camelCase,
/// its date and time formats): the same text <c>k8s.KubernetesJson.Serialize</c> gives for a
/// Kubernetes model.
/// </summary>
public static class ManifestJson
{
    /// <summary>The options every object of this library is written and read with.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>An object as compact JSON.</summary>
    public static string Serialize(object value) => JsonSerializer.Serialize(value, TypeInfo(value.GetType()));

    /// <summary>Reads JSON into <typeparamref name="T"/> (a Kubernetes model or one of this library's custom resources).</summary>
    public static T Deserialize<T>(string json) =>
        (T)(JsonSerializer.Deserialize(json, TypeInfo(typeof(T))) ?? throw new JsonException($"the JSON is null, not a {typeof(T).Name}"));

    /// <summary>Generated metadata of <paramref name="type"/>; fails for a type the context does not reach.</summary>
    public static JsonTypeInfo TypeInfo(Type type) => Options.GetTypeInfo(type);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = ManifestJsonContext.Default,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        };
        options.Converters.Add(new KubernetesJson.Iso8601TimeSpanConverter());
        options.Converters.Add(new KubernetesJson.KubernetesDateTimeConverter());
        options.Converters.Add(new KubernetesJson.KubernetesDateTimeOffsetConverter());
        options.MakeReadOnly();
        return options;
    }
}
