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
    public static readonly FieldType CidrList = new CidrListType();

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

    private sealed partial class QuantityType : FieldType
    {
        public override string Describe() => "Kubernetes quantity (e.g. 500m, 2Gi)";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            error = "must be a positive Kubernetes quantity such as 500m, 512Mi or 100Gi";
            value = null;
            var text = ScalarText(node);
            if (text is null || !QuantityPattern().IsMatch(text)) return false;
            var q = new ResourceQuantity(text);
            if (q.ToDecimal() <= 0) return false;
            value = text;
            return true;
        }

        [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$")]
        private static partial Regex QuantityPattern();
    }

    private sealed partial class DurationType : FieldType
    {
        public override string Describe() => "Go duration (e.g. 15s, 2m, 1h30m)";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            error = "must be a Go duration such as 15s, 2m or 1h30m";
            var text = ScalarText(node);
            value = text;
            return text is not null && DurationPattern().IsMatch(text) && GoDuration.TotalNanoseconds(text) > 0;
        }

        [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$")]
        private static partial Regex DurationPattern();
    }

    private sealed partial class ImageType : FieldType
    {
        public override string Describe() => "image reference pinned by tag or digest (never latest)";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            error = "must be an image pinned by a version tag or digest, e.g. ipfs/kubo:v0.42.0 (latest and untagged images are refused)";
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

    private sealed class CidrListType : FieldType
    {
        public override string Describe() => "list of CIDR ranges";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            error = "must be a list of CIDR ranges such as [10.0.0.0/8, fd00::/8]";
            value = null;
            if (node is not JsonArray array) return false;
            var items = new List<string>();
            foreach (var item in array)
            {
                var text = item is null ? null : ScalarText(item);
                if (text is null || !IPNetwork.TryParse(text, out var net) || net.ToString() != text)
                {
                    error = $"'{text}' is not a CIDR range in canonical form (e.g. 10.0.0.0/8, fd00::/8)";
                    return false;
                }
                items.Add(text);
            }
            value = items;
            return true;
        }
    }

    private sealed class SecretType : FieldType
    {
        public override string Describe() => "string (may be a Pulumi secret)";

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
