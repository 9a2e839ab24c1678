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
