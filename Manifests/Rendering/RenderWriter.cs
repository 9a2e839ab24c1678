namespace Ipfs.Manifests.Rendering;

/// <summary>
/// Writes rendered files into one folder and nowhere else. Files a previous render generated that
/// this render no longer produces are removed (only files that start with the generator's header);
/// files holding secrets are created readable by their owner only.
/// </summary>
public static class RenderWriter
{
    /// <summary>Writes <paramref name="files"/> into <paramref name="outputDirectory"/>; returns the full paths written.</summary>
    public static IReadOnlyList<string> Write(string outputDirectory, IReadOnlyList<RenderedFile> files)
    {
        Directory.CreateDirectory(outputDirectory);
        var wanted = files.Select(f => f.RelativePath).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(outputDirectory, "*.yaml"))
        {
            if (wanted.Contains(Path.GetFileName(stale))) continue;
            using var reader = new StreamReader(stale);
            if (reader.ReadLine() == ManifestRenderer.Header)
            {
                reader.Close();
                File.Delete(stale);
            }
        }

        var written = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(outputDirectory, file.RelativePath);
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (file.HoldsSecrets && !OperatingSystem.IsWindows())
            {
                if (File.Exists(path)) File.Delete(path); // UnixCreateMode applies only to new files
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var stream = new FileStream(path, options))
            using (var writer = new StreamWriter(stream))
                writer.Write(file.Content);
            written.Add(Path.GetFullPath(path));
        }
        return written;
    }
}
