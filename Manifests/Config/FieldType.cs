using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ipfs.Manifests.Naming;
using k8s.Models;

namespace Ipfs.Manifests.Config;

/// <summary>
/// The type of one configuration leaf: how it is documented and how a raw value (a YAML scalar, a
/// JSON value, or Pulumi's string form) becomes a typed value. Parsing never throws: it returns an
/// error text that says what is allowed.
/// </summary>
public abstract partial class FieldType
{
    /// <summary>How the type is named in the config reference.</summary>
    public abstract string Describe();

    /// <summary>Parses <paramref name="node"/>; on failure returns false and a message saying what is allowed.</summary>
    public abstract bool TryParse(JsonNode node, out object? value, out string error);

    /// <summary>True when values of this type may be secrets: they are named in messages, never printed.</summary>
    public virtual bool HoldsSecrets => false;

    /// <summary>Renders a typed value back to the text used in docs.</summary>
    public virtual string Show(object? value) => value switch
    {
        null => "(none)",
        bool b => b ? "true" : "false",
        IEnumerable<string> list => "[" + string.Join(", ", list) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>The scalar text of a node: JSON strings unquoted, numbers and booleans as written.</summary>
    protected static string? ScalarText(JsonNode node) => node is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
            _ => null,
        }
        : null;

    /// <summary>A string from a fixed set.</summary>
    public static FieldType OneOf(params string[] allowed) => new EnumType(allowed);

    /// <summary>An integer in [min, max].</summary>
    public static FieldType Int(int min, int max) => new IntType(min, max);

    /// <summary>true or false.</summary>
    public static readonly FieldType Bool = new BoolType();

    /// <summary>A Kubernetes resource quantity such as 500m, 2Gi or 100Gi.</summary>
    public static readonly FieldType Quantity = new QuantityType();

    /// <summary>
    /// A quantity of bytes (memory or storage) of at least <paramref name="minimum"/>: whole bytes,
    /// never the milli suffix (<c>4096m</c> is about 4 bytes, not 4096 MiB).
    /// </summary>
    public static FieldType Bytes(string minimum) => new BytesType(minimum);

    /// <summary>A Go duration such as 15s, 2m or 1h30m.</summary>
    public static readonly FieldType Duration = new DurationType();

    /// <summary>A container image pinned by tag (never latest) or by digest.</summary>
    public static readonly FieldType Image = new ImageType();

    /// <summary>A DNS-1123 label of at most <paramref name="maxLength"/> characters.</summary>
    public static FieldType DnsLabel(int maxLength) => new DnsLabelType(maxLength);

    /// <summary>Any non-empty string.</summary>
    public static readonly FieldType Text = new TextType();

    /// <summary>A basic-auth user name: letters, digits, '.', '_' and '-' (ipfs-cluster reads credentials as user:password pairs).</summary>
    public static readonly FieldType UserName = new UserNameType();

    /// <summary>A list of IPv4 or IPv6 CIDR ranges.</summary>
    public static readonly FieldType CidrList = ListOf("list of CIDR ranges", "must be a list of CIDR ranges such as [10.0.0.0/8, fd00::/8]",
        text => IPNetwork.TryParse(text, out var net) && net.ToString() == text ? null
            : $"'{text}' is not a CIDR range in canonical form (e.g. 10.0.0.0/8, fd00::/8)");

    /// <summary>A string <paramref name="isValid"/> accepts; with <paramref name="allowEmpty"/> also the empty string, meaning none.</summary>
    public static FieldType Matching(string describe, string error, Func<string, bool> isValid, bool allowEmpty = false) =>
        new MatchingType(describe, error, isValid, allowEmpty);

    /// <summary>A list of distinct strings; <paramref name="itemProblem"/> says what is wrong with an item, or null.</summary>
    public static FieldType ListOf(string describe, string error, Func<string, string?> itemProblem) =>
        new ListType(describe, error, itemProblem);

    /// <summary>A map of Kubernetes label keys to label values (a YAML map in the stack file).</summary>
    public static readonly FieldType LabelMap = new StringMapType(isLabels: true);

    /// <summary>A map of Kubernetes annotation keys to any string.</summary>
    public static readonly FieldType AnnotationMap = new StringMapType(isLabels: false);

    /// <summary>A string that may be a Pulumi secret (<c>secure:</c>); parsed to <see cref="SecretString"/>.</summary>
    public static readonly FieldType Secret = new SecretType();

    private sealed class EnumType(string[] allowed) : FieldType
    {
        public override string Describe() => "one of " + string.Join(", ", allowed);

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            var text = ScalarText(node);
            value = text;
            error = $"must be one of {string.Join(", ", allowed)}";
            return text is not null && allowed.Contains(text, StringComparer.Ordinal);
        }
    }

    private sealed class IntType(int min, int max) : FieldType
    {
        public override string Describe() => max == int.MaxValue ? $"integer >= {min}" : $"integer {min}..{max}";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            error = max == int.MaxValue ? $"must be a whole number of at least {min}" : $"must be a whole number from {min} to {max}";
            value = null;
            if (!int.TryParse(ScalarText(node), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return false;
            value = n;
            return n >= min && n <= max;
        }
    }

    private sealed class BoolType : FieldType
    {
        public override string Describe() => "true or false";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            error = "must be true or false";
            var text = ScalarText(node);
            value = text switch { "true" => true, "false" => false, _ => null };
            return value is not null;
        }
    }

    private sealed class QuantityType : FieldType
    {
        public override string Describe() => "Kubernetes quantity (e.g. 500m, 2Gi)";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            error = "must be a positive Kubernetes quantity such as 500m, 512Mi or 100Gi";
            value = null;
            var text = ScalarText(node);
            if (QuantityValue(text) is not > 0) return false;
            value = text;
            return true;
        }
    }

    private sealed class BytesType(string minimum) : FieldType
    {
        public override string Describe() => $"Kubernetes quantity of bytes, at least {minimum} (e.g. 512Mi, 8Gi)";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            value = null;
            error = $"must be a Kubernetes quantity of bytes such as 512Mi or 8Gi, at least {minimum}";
            var text = ScalarText(node);
            if (QuantityValue(text) is not { } bytes) return false;
            if (text!.EndsWith('m'))
            {
                error = $"is in thousandths of a byte (the m suffix): {text} is {bytes.ToString(CultureInfo.InvariantCulture)} bytes; write Mi or Gi, e.g. {text[..^1]}Mi";
                return false;
            }
            if (bytes > long.MaxValue)
            {
                error = "is more bytes than Kubernetes can hold (a 64-bit count)";
                return false;
            }
            if (bytes != decimal.Truncate(bytes))
            {
                error = "must be a whole number of bytes; write Ki, Mi or Gi, e.g. 512Mi";
                return false;
            }
            if (bytes < new ResourceQuantity(minimum).ToDecimal())
            {
                error = $"must be at least {minimum}: a smaller value is almost certainly a unit mistake (Mi and Gi are mebibytes and gibibytes)";
                return false;
            }
            value = text;
            return true;
        }
    }

    /// <summary>The value of a quantity in the usual notation, or null (also when it is beyond what a decimal holds).</summary>
    private static decimal? QuantityValue(string? text)
    {
        if (text is null || !QuantityPattern().IsMatch(text)) return null;
        try
        {
            return new ResourceQuantity(text).ToDecimal();
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$")]
    private static partial Regex QuantityPattern();

    private sealed partial class DurationType : FieldType
    {
        public override string Describe() => "Go duration (e.g. 15s, 2m, 1h30m)";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            error = "must be a Go duration such as 15s, 2m or 1h30m";
            var text = ScalarText(node);
            value = text;
            // Go keeps a duration in int64 nanoseconds (about 292 years at most).
            return text is not null && DurationPattern().IsMatch(text) && GoDuration.TotalNanoseconds(text) is > 0 and < long.MaxValue;
        }

        [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$")]
        private static partial Regex DurationPattern();
    }

    private sealed partial class ImageType : FieldType
    {
        public override string Describe() => "image reference pinned by tag or digest (never latest)";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            error = "must be an image pinned by a version tag or digest, e.g. ipfs/kubo:v0.43.1 (latest and untagged images are refused)";
            var text = ScalarText(node);
            value = text;
            if (text is null || !ImagePattern().IsMatch(text)) return false;
            if (text.Contains('@', StringComparison.Ordinal)) return true;
            var tag = text[(text.LastIndexOf(':') + 1)..];
            return text.LastIndexOf(':') > text.LastIndexOf('/') && tag != "latest";
        }

        [GeneratedRegex(@"^[a-z0-9]+([._/:-][a-z0-9]+)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$")]
        private static partial Regex ImagePattern();
    }

    private sealed class DnsLabelType(int maxLength) : FieldType
    {
        public override string Describe() => $"DNS-1123 label, at most {maxLength} characters";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            var text = ScalarText(node);
            value = text;
            error = $"must be a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit) of at most {maxLength} characters";
            return text is not null && KubernetesNames.IsDnsLabel(text) && text.Length <= maxLength;
        }
    }

    private sealed class TextType : FieldType
    {
        public override string Describe() => "string";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            error = "must be a non-empty string";
            var text = ScalarText(node);
            value = text;
            return !string.IsNullOrWhiteSpace(text);
        }
    }

    private sealed partial class UserNameType : FieldType
    {
        public override string Describe() => "user name (letters, digits, '.', '_', '-')";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            error = "must be 1 to 64 letters, digits, '.', '_' or '-' (':' and ',' would break ipfs-cluster's user:password list)";
            var text = ScalarText(node);
            value = text;
            return text is not null && UserPattern().IsMatch(text);
        }

        [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
        private static partial Regex UserPattern();
    }

    private sealed class MatchingType(string describe, string error, Func<string, bool> isValid, bool allowEmpty) : FieldType
    {
        public override string Describe() => describe;

        public override bool TryParse(JsonNode node, out object? value, out string message)
        {
            message = error;
            var text = ScalarText(node);
            value = text;
            return text is not null && ((allowEmpty && text.Length == 0) || isValid(text));
        }

        public override string Show(object? value) => allowEmpty && value is "" ? "(none)" : base.Show(value);
    }

    private sealed class ListType(string describe, string error, Func<string, string?> itemProblem) : FieldType
    {
        public override string Describe() => describe;

        public override bool TryParse(JsonNode node, out object? value, out string message)
        {
            message = error;
            value = null;
            if (node is not JsonArray array) return false;
            var items = new List<string>();
            foreach (var item in array)
            {
                var text = item is null ? null : ScalarText(item);
                if (text is null || itemProblem(text) is { } problem)
                {
                    message = text is null ? error : itemProblem(text)!;
                    return false;
                }
                if (items.Contains(text, StringComparer.Ordinal))
                {
                    message = $"lists '{text}' twice";
                    return false;
                }
                items.Add(text);
            }
            value = items;
            return true;
        }
    }

    private sealed class StringMapType(bool isLabels) : FieldType
    {
        public override string Describe() => isLabels ? "map of Kubernetes labels (key: value)" : "map of annotation keys to values";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            value = null;
            error = isLabels ? "must be a map of Kubernetes labels, e.g. {release: kube-prometheus-stack}" : "must be a map of annotations such as {example.com/setting: value}";
            if (node is not JsonObject map) return false;
            var items = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var problems = new List<string>();
            foreach (var (key, item) in map)
            {
                var text = item is null ? null : ScalarText(item);
                var problem = KubernetesNames.LabelKeyProblem(key)
                    ?? (text is null ? $"'{key}' must have a plain value"
                        : isLabels ? KubernetesNames.LabelValueProblem(key, text) : null);
                if (problem is not null) problems.Add(isLabels ? problem : problem.Replace("label key", "annotation key", StringComparison.Ordinal));
                else items[key] = text!;
            }
            if (problems.Count > 0)
            {
                error = string.Join("; ", problems);
                return false;
            }
            value = items;
            return true;
        }

        public override string Show(object? value) => value is IReadOnlyDictionary<string, string> map
            ? "{" + string.Join(", ", map.Select(kv => $"{kv.Key}: {kv.Value}")) + "}"
            : base.Show(value);
    }

    private sealed class SecretType : FieldType
    {
        public override string Describe() => "string (may be a Pulumi secret)";

        public override bool HoldsSecrets => true;

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            error = "must be a string or a Pulumi secret (secure:)";
            value = null;
            if (node is JsonObject obj && obj.Count == 1 && obj["secure"] is JsonValue)
            {
                value = new SecretString(null);
                return true;
            }
            var text = ScalarText(node);
            if (string.IsNullOrEmpty(text)) return false;
            value = new SecretString(text);
            return true;
        }

        public override string Show(object? value) => "[secret]";
    }
}
