namespace Ipfs.Manifests.Files;

/// <summary>The render path's file guarantees rest on Linux system calls (see <see cref="Posix"/>).</summary>
internal static class LinuxOnly
{
    /// <summary>The error for any other platform, naming what needed Linux.</summary>
    public static PlatformNotSupportedException Refusal(string what) =>
        new($"{what} needs Linux (flock, fsync of folders and renameat2 with RENAME_EXCHANGE); run render on Linux, for example in CI or a container");
}
