using System.Runtime.Versioning;
using System.Text;

namespace Ipfs.Manifests.Files;

/// <summary>Writes that are on disk before anything refers to them.</summary>
[SupportedOSPlatform("linux")]
internal static class DurableFile
{
    /// <summary>rw------- : files holding secrets.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates <paramref name="path"/>, which must not exist (O_EXCL: never an existing file, never
    /// through a symlink), writes <paramref name="content"/> and fsyncs it.
    /// </summary>
    /// <param name="path">The new file.</param>
    /// <param name="content">Its text (UTF-8).</param>
    /// <param name="ownerOnly">Create it 0600 (else 0666 less the umask).</param>
    public static void CreateNew(string path, string content, bool ownerOnly)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (ownerOnly) options.UnixCreateMode = OwnerOnly;
        using var stream = new FileStream(path, options);
        stream.Write(Encoding.UTF8.GetBytes(content));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>A name beside <paramref name="path"/> that no other process picks: <c>.NAME.SUFFIX-RANDOM</c>.</summary>
    public static string TemporarySibling(string path, string suffix) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{suffix}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))}");

    /// <summary>Whether <paramref name="name"/> is a <see cref="TemporarySibling"/> name of <paramref name="of"/>.</summary>
    public static bool IsTemporarySibling(string name, string of, string suffix)
    {
        var prefix = $".{of}.{suffix}-";
        return name.Length == prefix.Length + 16 && name.StartsWith(prefix, StringComparison.Ordinal) &&
               name[prefix.Length..].All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
    }
}
