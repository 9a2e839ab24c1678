using System.Text.RegularExpressions;

namespace Ipfs.Manifests.Naming;

/// <summary>Kubernetes object-name rules (DNS-1123) used to check names before anything is built.</summary>
public static partial class KubernetesNames
{
    /// <summary>Longest StatefulSet name: its pods carry a controller-revision-hash label of name + "-" + 10 characters, capped at 63.</summary>
    public const int MaxStatefulSetName = 52;

    /// <summary>True for a DNS-1123 label: at most 63 lower-case alphanumerics or '-', alphanumeric at both ends.</summary>
    public static bool IsDnsLabel(string value) => value.Length is > 0 and <= 63 && Label().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();
}
