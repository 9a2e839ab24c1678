using System.Text.RegularExpressions;

namespace Ipfs.Manifests.Naming;

/// <summary>
/// Kubernetes naming rules (apimachinery validation): object names, label and annotation keys,
/// label values. Checked before anything is built.
/// </summary>
public static partial class KubernetesNames
{
    /// <summary>Longest StatefulSet name: its pods carry a controller-revision-hash label of name + "-" + 10 characters, capped at 63.</summary>
    public const int MaxStatefulSetName = 52;

    /// <summary>True for a DNS-1123 label: at most 63 lower-case alphanumerics or '-', alphanumeric at both ends.</summary>
    public static bool IsDnsLabel(string value) => value.Length is > 0 and <= 63 && Label().IsMatch(value);

    /// <summary>True for a DNS-1123 subdomain: dot-separated labels, at most 253 characters.</summary>
    public static bool IsDnsSubdomain(string value) => value.Length is > 0 and <= 253 && Subdomain().IsMatch(value);

    /// <summary>True for a qualified name (label or annotation key): optional DNS subdomain prefix and '/', then at most 63 characters.</summary>
    public static bool IsQualifiedName(string value) => LabelKeyProblem(value) is null;

    /// <summary>True for a label value: empty, or at most 63 characters, alphanumeric at both ends.</summary>
    public static bool IsLabelValue(string value) => value.Length == 0 || (value.Length <= 63 && Name().IsMatch(value));

    /// <summary>Longest DNS name in text form, without the trailing dot (RFC 1035 section 2.3.4).</summary>
    public const int MaxDnsName = 253;

    /// <summary>
    /// Why <paramref name="domain"/> is not a DNS domain as Kubernetes names its cluster domain, or
    /// null when it is one: dot-separated RFC 1123 labels (lower-case letters, digits and '-', each
    /// 1-63 characters, alphanumeric at both ends), at most <see cref="MaxDnsName"/> characters, not
    /// an IP address, written without the trailing dot of the absolute form.
    /// </summary>
    public static string? DnsDomainProblem(string domain)
    {
        if (domain.Length == 0) return "it is empty";
        if (domain.EndsWith('.')) return $"'{domain}' ends with a dot: write it without the trailing dot ({domain.TrimEnd('.')})";
        if (domain.Length > MaxDnsName) return $"'{domain}' is {domain.Length} characters long, beyond DNS's {MaxDnsName}";
        if (System.Net.IPAddress.TryParse(domain, out _)) return $"'{domain}' is an IP address, not a domain";
        foreach (var label in domain.Split('.'))
        {
            if (label.Length == 0) return $"'{domain}' has an empty label (two dots in a row, or a leading dot)";
            if (label.Length > 63) return $"its label '{label}' is {label.Length} characters long, beyond DNS's 63";
            if (!Label().IsMatch(label)) return $"its label '{label}' must consist of lower-case letters, digits and '-', starting and ending with a letter or digit";
        }
        return null;
    }

    /// <summary>Why <paramref name="key"/> is not a label (or annotation) key, or null when it is one.</summary>
    public static string? LabelKeyProblem(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash >= 0 ? key[..slash] : null;
        var name = slash >= 0 ? key[(slash + 1)..] : key;
        if (prefix is not null && !IsDnsSubdomain(prefix))
            return $"label key '{key}' has a prefix that is not a DNS subdomain";
        if (name.Length is 0 or > 63 || !Name().IsMatch(name))
            return $"label key '{key}' must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (optionally after a DNS-subdomain prefix and '/')";
        return null;
    }

    /// <summary>Why <paramref name="value"/> is not a label value for <paramref name="key"/>, or null when it is one.</summary>
    public static string? LabelValueProblem(string key, string value) => IsLabelValue(value)
        ? null
        : $"label value '{value}' of '{key}' must be empty or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex Name();
}
