using System.Runtime.Versioning;
using Ipfs.Manifests.Files;

namespace Ipfs.Manifests.Material;

/// <summary>
/// The file-system rules around the material file, checked before any secret is generated: its
/// folder is a folder, the file (or the file a symlink there points to) is a regular file readable
/// by its owner only, and no temporary file of a failed or killed write survives the next run.
/// A symlink is followed, never replaced: writes go to the file it points to.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class MaterialLocation
{
    public const string TemporarySuffix = "tmp";

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the material folder (0700) when missing; refuses one that is not a folder or that others may write to.</summary>
    public static void PrepareFolder(string materialPath)
    {
        var folder = Path.GetDirectoryName(materialPath)!;
        var attributes = AttributesOrNull(folder, materialPath);
        if (attributes is null)
        {
            var parent = Path.GetDirectoryName(folder)!;
            if (!Directory.Exists(parent))
                throw new IOException($"cannot create the material {materialPath}: its folder's parent {parent} does not exist");
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
            Posix.SyncDirectory(parent);
            return;
        }
        if (!attributes.Value.HasFlag(FileAttributes.Directory))
            throw new IOException($"cannot use the material {materialPath}: {folder} is not a folder");
        if ((File.GetUnixFileMode(folder) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            throw new IOException($"refusing the material folder {folder}: others may write to it (mode {Octal(File.GetUnixFileMode(folder))}), " +
                $"so they could replace the cluster's identity: run `chmod 700 {folder}` and render again");
    }

    /// <summary>
    /// The file to read and write: <paramref name="materialPath"/>, or the final target of a symlink
    /// there; null when there is no material yet. Refuses a folder, a dangling symlink and a file
    /// others may read or write.
    /// </summary>
    public static string? ExistingTarget(string materialPath)
    {
        var attributes = AttributesOrNull(materialPath, materialPath);
        if (attributes is null) return null;
        var target = materialPath;
        if (attributes.Value.HasFlag(FileAttributes.ReparsePoint))
        {
            var final = File.ResolveLinkTarget(materialPath, returnFinalTarget: true)!;
            target = final.FullName;
            attributes = AttributesOrNull(target, materialPath)
                ?? throw new IOException($"the material {materialPath} is a symbolic link to {target}, which does not exist; " +
                    "restore the file it points to (is its volume mounted?) — a new one is never generated behind a link");
        }
        if (attributes.Value.HasFlag(FileAttributes.Directory))
            throw new IOException($"the material {target} is a folder, not a file; nothing was generated: move the folder away or restore the file from backup");
        var mode = File.GetUnixFileMode(target);
        if ((mode & GroupOrOther) != 0)
            throw new IOException($"refusing the material {target}: it is readable or writable by others (mode {Octal(mode)}), and it holds the cluster's identity; " +
                $"run `chmod 600 {target}` (and treat its secrets as exposed if others could read them), then render again");
        return target;
    }

    /// <summary>Removes temporary files a failed or killed write left beside <paramref name="materialPath"/> (call under the lock).</summary>
    public static void RemoveTemporaryFiles(string materialPath)
    {
        var name = Path.GetFileName(materialPath);
        foreach (var entry in Directory.EnumerateFiles(Path.GetDirectoryName(materialPath)!))
        {
            var entryName = Path.GetFileName(entry);
            // NAME.tmp: the fixed temporary name of earlier versions.
            if (DurableFile.IsTemporarySibling(entryName, name, TemporarySuffix) || entryName == name + ".tmp")
                File.Delete(entry);
        }
    }

    /// <summary>Deletes a temporary file if it can; one that stays is removed by <see cref="RemoveTemporaryFiles"/> at the next run.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next run.
        }
    }

    /// <summary>The file's text; an unreadable file is named as such, never taken for a missing one.</summary>
    public static string ReadOwnerOnly(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (UnauthorizedAccessException)
        {
            throw new IOException($"cannot read the material {path}: permission denied; it is never regenerated over: " +
                "make it readable by the user who renders (chmod 600, same owner) or restore it from backup");
        }
    }

    private static FileAttributes? AttributesOrNull(string path, string materialPath)
    {
        try
        {
            return File.GetAttributes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            throw new IOException($"cannot look for the material {materialPath}: permission denied on {path}'s folder; nothing was generated: " +
                "fix the folder's permissions (the user who renders needs rwx on it)");
        }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8);
}
