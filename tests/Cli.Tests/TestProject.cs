namespace Ipfs.Cli.Tests;

/// <summary>A throw-away copy of the repository's Pulumi project files (Pulumi.yaml and the dev and prod stacks).</summary>
internal sealed class TestProject : IDisposable
{
    public TestProject(string prefix)
    {
        Root = Directory.CreateTempSubdirectory(prefix).FullName;
        var repository = RepositoryDirectory();
        foreach (var file in new[] { "Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml" })
            File.Copy(Path.Combine(repository, file), Path.Combine(Root, file));
    }

    /// <summary>The project folder.</summary>
    public string Root { get; }

    /// <summary>A path inside the project.</summary>
    public string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The dev stack's material file.</summary>
    public string Material => PathOf(".material", "dev.json");

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>Every file of a folder (not recursive) by name, with its bytes; empty when the folder is absent.</summary>
    public static SortedDictionary<string, byte[]> Snapshot(string folder) => Directory.Exists(folder)
        ? new(Directory.EnumerateFiles(folder).ToDictionary(p => Path.GetFileName(p), File.ReadAllBytes), StringComparer.Ordinal)
        : new(StringComparer.Ordinal);

    /// <summary>Whether two snapshots hold the same names with the same bytes.</summary>
    public static bool Same(SortedDictionary<string, byte[]> a, SortedDictionary<string, byte[]> b) =>
        a.Keys.SequenceEqual(b.Keys, StringComparer.Ordinal) && a.All(p => p.Value.AsSpan().SequenceEqual(b[p.Key]));

    private static string RepositoryDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
                return dir.FullName;
        throw new InvalidOperationException($"No Pulumi.yaml at or above {AppContext.BaseDirectory}.");
    }
}
