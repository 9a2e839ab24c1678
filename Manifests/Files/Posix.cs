using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace Ipfs.Manifests.Files;

/// <summary>
/// The Linux system calls the render path's safety rests on, called directly: an exclusive
/// <c>flock</c> that waits (.NET's own FileShare lock is non-blocking and switched off by
/// DOTNET_SYSTEM_IO_DISABLEFILELOCKING), <c>fsync</c> of a folder (.NET cannot open one) and
/// <c>renameat2</c> with RENAME_EXCHANGE / RENAME_NOREPLACE (no .NET API).
/// </summary>
[SupportedOSPlatform("linux")]
internal static partial class Posix
{
    private const string Libc = "libc";

    public const int ORdOnly = 0x0;
    public const int ORdWr = 0x2;
    public const int OCreat = 0x40;
    public const int ODirectory = 0x10000;
    public const int ONoFollow = 0x20000;
    public const int OCloExec = 0x80000;

    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;

    public const uint RenameNoReplace = 1;
    public const uint RenameExchange = 2;

    public const int EIntr = 4;
    public const int EWouldBlock = 11;
    public const int EInval = 22;
    public const int ENoSys = 38;
    public const int ELoop = 40;
    public const int ENotDir = 20;

    private const int AtCurrentDirectory = -100;

    // "libc" alone is mapped to the C library by CoreCLR but not by every host (NativeAOT probes
    // libc.so, a linker script on glibc systems with dev packages): name glibc's soname first.
    static Posix() => NativeLibrary.SetDllImportResolver(typeof(Posix).Assembly, (name, assembly, paths) =>
        name == Libc && NativeLibrary.TryLoad("libc.so.6", out var handle) ? handle : IntPtr.Zero);

    [LibraryImport(Libc, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, uint mode);

    [LibraryImport(Libc, EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeFileHandle fd, int operation);

    [LibraryImport(Libc, EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(SafeFileHandle fd);

    [LibraryImport(Libc, EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    /// <summary>open(2); the handle closes the descriptor. Returns the errno instead of throwing.</summary>
    public static SafeFileHandle OpenHandle(string path, int flags, uint mode, out int errno)
    {
        int fd;
        do
        {
            fd = Open(path, flags | OCloExec, mode);
            errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
        while (fd < 0 && errno == EIntr);
        return new SafeFileHandle(fd, ownsHandle: fd >= 0);
    }

    /// <summary>flock(2) with LOCK_EX|LOCK_NB: true when taken, false when another holder has it.</summary>
    public static bool TryLockExclusive(SafeFileHandle handle, string path)
    {
        while (true)
        {
            if (Flock(handle, LockExclusive | LockNonBlocking) == 0) return true;
            var errno = Marshal.GetLastPInvokeError();
            if (errno == EWouldBlock) return false;
            if (errno != EIntr) throw Failure(errno, $"cannot lock {path}");
        }
    }

    /// <summary>fsync(2) of an open file or folder.</summary>
    public static void Sync(SafeFileHandle handle, string path)
    {
        while (Fsync(handle) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != EIntr) throw Failure(errno, $"cannot flush {path} to disk");
        }
    }

    /// <summary>fsync(2) of a folder, so the names created, renamed or removed in it are on disk.</summary>
    public static void SyncDirectory(string path)
    {
        using var handle = OpenHandle(path, ORdOnly | ODirectory, 0, out var errno);
        if (handle.IsInvalid) throw Failure(errno, $"cannot open the folder {path} to flush it to disk");
        Sync(handle, path);
    }

    /// <summary>renameat2(2); returns 0 or the errno.</summary>
    public static int Rename(string from, string to, uint flags) =>
        RenameAt2(AtCurrentDirectory, from, AtCurrentDirectory, to, flags) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>An IOException whose message names what failed, the system's reason, then what to do.</summary>
    public static IOException Failure(int errno, string what, string? advice = null) =>
        new($"{what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}){(advice is null ? "" : "; " + advice)}");
}
