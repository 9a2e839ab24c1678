using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ipfs.Manifests.Serialization;

/// <summary>
/// YAML of the objects this library builds, without reflection: the source-generated JSON metadata
/// of <see cref="ManifestJson"/> (names, types, getters, declaration order) drives YamlDotNet's
/// emitter. The bytes are those of KubernetesClient's reflection-based <c>KubernetesYaml.Serialize</c>:
/// apiVersion, kind and metadata first in Kubernetes models that have them, then fields in
/// declaration order; nulls omitted; strings YAML could read as another type double-quoted,
/// multi-line strings as literal blocks; quantities, int-or-strings and bytes (base64) plain.
/// </summary>
public static partial class ManifestYaml
{
    private static readonly TagName StringTag = new("tag:yaml.org,2002:str");
    private static readonly TagName IntTag = new("tag:yaml.org,2002:int");
    private static readonly TagName BoolTag = new("tag:yaml.org,2002:bool");
    private static readonly TagName NullTag = new("tag:yaml.org,2002:null");
    private static readonly string[] LeadingFields = ["apiVersion", "kind", "metadata"];
    private static readonly ConcurrentDictionary<Type, JsonPropertyInfo[]> FieldOrder = new();

    /// <summary>One object as a YAML document (no leading <c>---</c>), ending in a newline.</summary>
    public static string Serialize(object value)
    {
        var text = new StringBuilder();
        var emitter = new Emitter(new StringWriter(text, CultureInfo.InvariantCulture));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Write(emitter, value, ManifestJson.TypeInfo(value.GetType()));
        return text.ToString();
    }

    private static void Write(IEmitter emitter, object? value, JsonTypeInfo info)
    {
        if (value is null)
        {
            emitter.Emit(new Scalar(AnchorName.Empty, NullTag, "", ScalarStyle.Plain, true, false));
            return;
        }
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, false, MappingStyle.Any));
                foreach (var field in Fields(info))
                {
                    var fieldValue = field.Get!(value);
                    if (fieldValue is null) continue;
                    WriteString(emitter, field.Name);
                    Write(emitter, fieldValue, ManifestJson.TypeInfo(field.PropertyType));
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonTypeInfoKind.Dictionary:
                var valueInfo = ManifestJson.TypeInfo(info.ElementType!);
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, false, MappingStyle.Any));
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    WriteString(emitter, (string)entry.Key);
                    Write(emitter, entry.Value, valueInfo);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonTypeInfoKind.Enumerable when value is not byte[]:
                var itemInfo = ManifestJson.TypeInfo(info.ElementType!);
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, false, SequenceStyle.Any));
                foreach (var item in (IEnumerable)value)
                    Write(emitter, item, itemInfo);
                emitter.Emit(new SequenceEnd());
                break;
            default:
                WriteScalar(emitter, value);
                break;
        }
    }

    private static void WriteScalar(IEmitter emitter, object value)
    {
        switch (value)
        {
            case string text:
                WriteString(emitter, text);
                break;
            case bool flag:
                emitter.Emit(new Scalar(AnchorName.Empty, BoolTag, flag ? "true" : "false", ScalarStyle.Plain, true, false));
                break;
            case int or long or short or byte or uint or ulong or ushort or sbyte:
                emitter.Emit(new Scalar(AnchorName.Empty, IntTag, Convert.ToString(value, CultureInfo.InvariantCulture)!, ScalarStyle.Plain, true, false));
                break;
            case double number:
                emitter.Emit(new Scalar(number.ToString("0.0######################", CultureInfo.InvariantCulture)));
                break;
            case float number:
                emitter.Emit(new Scalar(number.ToString("0.0######################", CultureInfo.InvariantCulture)));
                break;
            case IntOrString intOrString:
                emitter.Emit(new Scalar(intOrString.Value));
                break;
            case ResourceQuantity quantity:
                emitter.Emit(new Scalar(quantity.ToString()));
                break;
            case byte[] bytes:
                emitter.Emit(new Scalar(Convert.ToBase64String(bytes)));
                break;
            default:
                throw new NotSupportedException($"ManifestYaml cannot write a {value.GetType().FullName}: add it to ManifestYaml.WriteScalar");
        }
    }

    private static void WriteString(IEmitter emitter, string text)
    {
        var style = AmbiguousPlainScalar().IsMatch(text) ? ScalarStyle.DoubleQuoted
            : text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : ScalarStyle.Any;
        emitter.Emit(new Scalar(AnchorName.Empty, StringTag, text, style, true, false));
    }

    /// <summary>Fields in write order: for Kubernetes models with apiVersion or kind, those two and metadata lead.</summary>
    private static JsonPropertyInfo[] Fields(JsonTypeInfo info) => FieldOrder.GetOrAdd(info.Type, _ =>
    {
        var fields = info.Properties.Where(p => p.Get is not null).ToArray();
        var isModel = info.Type.Namespace == typeof(V1ObjectMeta).Namespace;
        if (!isModel || !fields.Any(f => f.Name is "apiVersion" or "kind")) return fields;
        return fields.OrderBy(f => Array.IndexOf(LeadingFields, f.Name) is var i and >= 0 ? i : LeadingFields.Length).ToArray();
    });

    /// <summary>Plain scalars YAML 1.1 or 1.2 reads as null, a boolean or a number (KubernetesClient's StringQuotingEmitter rule).</summary>
    [GeneratedRegex(@"^(\~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|on|On|ON|n|N|no|No|NO|off|Off|OFF|-?(0|[0-9]*)(\.[0-9]*)?([eE][-+]?[0-9]+)?)?$")]
    private static partial Regex AmbiguousPlainScalar();
}
