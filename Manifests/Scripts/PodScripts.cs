namespace Ipfs.Manifests.Scripts;

/// <summary>
/// The pods' shell scripts and awk programs: plain files in this folder, embedded in the assembly
/// and shipped unchanged in ConfigMaps. They read every value from environment variables or
/// generated files, so the builders only supply values.
/// </summary>
public static class PodScripts
{
    /// <summary>Every embedded script's file name.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(PodScripts).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToList();

    private const string Prefix = "Ipfs.Manifests.Scripts.";

    /// <summary>The text of the embedded script <paramref name="name"/> (e.g. <c>kubo-config.sh</c>).</summary>
    public static string Read(string name)
    {
        using var stream = typeof(PodScripts).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new ArgumentException($"No embedded script named '{name}'.", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
