using System.Runtime.Versioning;
using System.Text;
using Ipfs.Manifests.Files;

namespace Ipfs.Manifests.Rendering;

/// <summary>
/// A render's output folder, owned by the tool and replaced as a whole. Opening it locks it
/// against other renders (flock on its parent folder), removes what a killed render left beside
/// it, and refuses a folder the tool did not write: a symlink, a file, a folder holding a link or a
/// sub-folder, or one holding any file its marker (<see cref="MarkerFile"/>) does not list (without
/// a marker: any file not starting with the render header, as earlier versions wrote). <see cref="Replace"/>
/// writes the new render into a sibling folder, fsyncs every file and the folder, then swaps the
/// two with one renameat2(RENAME_EXCHANGE), so at every instant the path holds the previous
/// complete render or the new one (nothing at all only before a first render). A filesystem
/// without RENAME_EXCHANGE is an error, never a non-atomic fallback.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class OutputFolder : IDisposable
{
    /// <summary>The marker file: proof the tool wrote the folder, and the list of what it wrote.</summary>
    public const string MarkerFile = ".ipfs-infra-render";

    private const string MarkerHeader = "# Written by ipfs-infra render, which replaces this folder as a whole at every render. Do not add files here.";
    private const string TemporarySuffix = "render";

    private readonly IDisposable _lock;
    private readonly IReadOnlyList<string> _createdParents;
    private bool _replaced;

    private OutputFolder(string path, bool holdsPreviousRender, IDisposable held, IReadOnlyList<string> createdParents)
    {
        Path = path;
        HoldsPreviousRender = holdsPreviousRender;
        _lock = held;
        _createdParents = createdParents;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Whether the folder holds an earlier render (false: it is absent or empty).</summary>
    public bool HoldsPreviousRender { get; }

    /// <summary>Locks, cleans up after and checks the folder at <paramref name="path"/>; the parent folder is created when missing.</summary>
    /// <exception cref="IOException">The folder is not the tool's, or cannot be locked or read.</exception>
    public static OutputFolder Open(string path)
    {
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        var parent = System.IO.Path.GetDirectoryName(full)
            ?? throw new IOException($"the output folder {full} is the filesystem root; render only writes a folder of its own");
        var created = CreateParents(parent);
        var held = FileLock.Acquire(parent, $"the output folder {full}", directory: true);
        try
        {
            RemoveLeftovers(full);
            return new OutputFolder(full, Inspect(full), held, created);
        }
        catch
        {
            RemoveEmpty(created);
            held.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Replaces the folder's content with <paramref name="files"/> in one atomic step; the previous
    /// render is removed afterwards. On failure the folder is left exactly as it was.
    /// </summary>
    /// <returns>The full paths of the files written.</returns>
    public IReadOnlyList<string> Replace(IReadOnlyList<RenderedFile> files)
    {
        var staging = DurableFile.TemporarySibling(Path, TemporarySuffix);
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var file in files)
                DurableFile.CreateNew(System.IO.Path.Combine(staging, file.RelativePath), file.Content, file.HoldsSecrets);
            DurableFile.CreateNew(System.IO.Path.Combine(staging, MarkerFile), Marker(files), ownerOnly: false);
            Posix.SyncDirectory(staging);
            Swap(staging);
            _replaced = true;
            Posix.SyncDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }
        catch
        {
            TryRemove(staging); // the unfinished new render (or, after the swap, the previous one); what stays goes at the next Open
            throw;
        }
        try
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true); // now the previous render
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{Path} holds the new render, but the previous one could not be removed from {staging} ({e.Message}); the next render removes it", e);
        }
        return files.Select(f => System.IO.Path.Combine(Path, f.RelativePath)).ToList();
    }

    /// <summary>Releases the lock; parent folders <see cref="Open"/> created are removed again when nothing was rendered into them.</summary>
    public void Dispose()
    {
        if (!_replaced) RemoveEmpty(_createdParents);
        _lock.Dispose();
    }

    private void Swap(string staging)
    {
        if (HoldsPreviousRender || Directory.Exists(Path))
        {
            var errno = Posix.Rename(staging, Path, Posix.RenameExchange);
            if (errno is Posix.EInval or Posix.ENoSys)
                throw Posix.Failure(errno, $"cannot replace {Path} atomically (renameat2 RENAME_EXCHANGE)",
                    "its filesystem does not support that exchange, and render never replaces an output folder in two steps (a reader could see it missing): " +
                    "render to a local filesystem such as ext4, xfs, btrfs or tmpfs; the previous render is left as it was");
            if (errno != 0) throw Posix.Failure(errno, $"cannot move the new render into {Path}");
        }
        else
        {
            var errno = Posix.Rename(staging, Path, Posix.RenameNoReplace);
            if (errno != 0) throw Posix.Failure(errno, $"cannot move the new render into {Path}");
        }
    }

    /// <summary>Creates the missing folders up to <paramref name="parent"/>; returns them, deepest first.</summary>
    private static List<string> CreateParents(string parent)
    {
        var missing = new List<string>();
        for (var dir = parent; !Directory.Exists(dir); dir = System.IO.Path.GetDirectoryName(dir)!)
        {
            if (File.Exists(dir)) throw new IOException($"cannot create the output folder: {dir} is a file");
            missing.Add(dir);
        }
        if (missing.Count == 0) return missing;
        Directory.CreateDirectory(parent);
        Posix.SyncDirectory(System.IO.Path.GetDirectoryName(missing[^1])!);
        return missing;
    }

    private static void TryRemove(string staging)
    {
        try
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next Open, which removes staging folders under the lock.
        }
    }

    /// <summary>A failed render leaves no folder behind: removes the given folders while they are empty.</summary>
    private static void RemoveEmpty(IEnumerable<string> folders)
    {
        foreach (var folder in folders)
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (IOException)
            {
                return; // no longer empty: another render is using it
            }
        }
    }

    /// <summary>Removes the staging folders of renders that were killed or could not clean up (called under the lock).</summary>
    private static void RemoveLeftovers(string full)
    {
        var name = System.IO.Path.GetFileName(full);
        foreach (var entry in new DirectoryInfo(System.IO.Path.GetDirectoryName(full)!).EnumerateFileSystemInfos($".{name}.{TemporarySuffix}-*"))
        {
            if (!DurableFile.IsTemporarySibling(entry.Name, name, TemporarySuffix)) continue;
            if (entry.LinkTarget is not null || entry is not DirectoryInfo) entry.Delete();
            else Directory.Delete(entry.FullName, recursive: true);
        }
    }

    /// <summary>True when the folder holds an earlier render, false when it is absent or empty; throws when it is not the tool's.</summary>
    private static bool Inspect(string full)
    {
        var info = new DirectoryInfo(full);
        if (info.LinkTarget is not null)
            throw new IOException($"the output folder {full} is a symbolic link (to {info.LinkTarget}); render never writes through links: remove the link or pass the real folder");
        if (!info.Exists)
        {
            if (File.Exists(full)) throw new IOException($"the output folder {full} is a file; pass a folder");
            return false;
        }

        var entries = info.EnumerateFileSystemInfos().ToList();
        if (entries.Count == 0) return false;
        var link = entries.FirstOrDefault(e => e.LinkTarget is not null);
        if (link is not null)
            throw new IOException($"the output folder {full} holds a symbolic link {link.FullName}; render never follows links in its folder: remove it");
        var listed = ListedFiles(full, entries);
        var foreign = entries.Where(e => e is DirectoryInfo || !listed.Contains(e.Name)).Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0)
            throw new IOException($"the output folder {full} holds {string.Join(", ", foreign.Take(5))}{(foreign.Count > 5 ? $" and {foreign.Count - 5} more" : "")}, " +
                $"which render did not write; render replaces its folder as a whole and only a folder it created (marker {MarkerFile}): move those away or choose another --out");
        return true;
    }

    /// <summary>The names the marker lists (and the marker itself); for a folder an earlier version wrote (no marker), every file starting with the render header.</summary>
    private static HashSet<string> ListedFiles(string full, IReadOnlyList<FileSystemInfo> entries)
    {
        var marker = System.IO.Path.Combine(full, MarkerFile);
        if (File.Exists(marker))
        {
            var lines = File.ReadAllLines(marker);
            if (lines.Length == 0 || lines[0] != MarkerHeader) return [];
            return [MarkerFile, .. lines.Skip(1).Where(l => l.Length > 0)];
        }
        return entries.OfType<FileInfo>().Where(IsLegacyRender).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
    }

    private static bool IsLegacyRender(FileInfo file)
    {
        if (!file.Name.EndsWith(".yaml", StringComparison.Ordinal)) return false;
        using var reader = new StreamReader(file.FullName);
        return reader.ReadLine() == ManifestRenderer.Header;
    }

    private static string Marker(IEnumerable<RenderedFile> files)
    {
        var text = new StringBuilder(MarkerHeader).Append('\n');
        foreach (var file in files) text.Append(file.RelativePath).Append('\n');
        return text.ToString();
    }
}
