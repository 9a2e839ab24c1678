namespace Ipfs.Manifests.Config;

/// <summary>
/// Which Pulumi config keys are the project's: <c>ipfs-infra:&lt;name&gt;</c>, the old
/// <c>ipfs-infra:config:&lt;name&gt;</c> form and unprefixed keys (Pulumi reads those as the
/// project's own). A key whose namespace is a near miss of <c>ipfs-infra</c> is a mistake, not
/// another provider's key: Pulumi would pass it to no one and the stack would run on defaults.
/// </summary>
public static class ConfigNamespace
{
    /// <summary>The key's name in the project namespace, or null when the key belongs to another namespace.</summary>
    public static string? OurName(string key)
    {
        var prefix = StackConfig.ProjectName + ":";
        if (!key.Contains(':')) return key;
        if (!key.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var name = key[prefix.Length..];
        return name.StartsWith("config:", StringComparison.Ordinal) ? name["config:".Length..] : name;
    }

    /// <summary>True for a key whose namespace is not ours but within a few typos of it (<c>ipfs-infr:peers</c>).</summary>
    public static bool IsNearMiss(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && key[..colon] != StackConfig.ProjectName
            && Spelling.Distance(key[..colon], StackConfig.ProjectName) <= Spelling.NearMiss;
    }

    /// <summary>The problem with a near-miss key (see <see cref="IsNearMiss"/>), or null; <paramref name="where"/> prefixes the message, e.g. "line 3: ".</summary>
    public static ConfigProblem? NearMissProblem(string source, string key, string where = "") => IsNearMiss(key)
        ? new ConfigProblem(source, key, null, $"{where}is in an unknown namespace and would be ignored{DidYouMean(key)}")
        : null;

    /// <summary>"; did you mean ipfs-infra:&lt;name&gt;?" for a near-miss key, else empty.</summary>
    public static string DidYouMean(string key) =>
        IsNearMiss(key) ? $"; did you mean {StackConfig.KeyOf(key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..])}?" : "";
}
