using System.Runtime.Versioning;
using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Ipfs.Manifests.Files;

/// <summary>
/// An exclusive advisory lock (flock) held from <see cref="Acquire"/> until disposed, or until the
/// process ends however it ends (the kernel drops it with the descriptor). Another process asking
/// for the same lock waits; it is told who it waits for when that takes longer than the timeout.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class FileLock : IDisposable
{
    /// <summary>How long a render waits for another render of the same stack or folder.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    private readonly SafeFileHandle _handle;

    private FileLock(SafeFileHandle handle) => _handle = handle;

    /// <summary>
    /// Locks <paramref name="path"/>: a lock file (created 0600 when missing, never through a
    /// symlink) or, with <paramref name="directory"/>, an existing folder.
    /// </summary>
    /// <param name="path">The lock file or folder.</param>
    /// <param name="holder">What the lock guards, named when waiting fails.</param>
    /// <param name="directory">Lock an existing folder instead of a lock file.</param>
    /// <param name="timeout">How long to wait; <see cref="DefaultTimeout"/> when null.</param>
    public static FileLock Acquire(string path, string holder, bool directory = false, TimeSpan? timeout = null)
    {
        var flags = directory ? Posix.ORdOnly | Posix.ODirectory : Posix.ORdWr | Posix.OCreat | Posix.ONoFollow;
        var handle = Posix.OpenHandle(path, flags, 0b110_000_000, out var errno);
        if (handle.IsInvalid)
        {
            throw errno == Posix.ELoop
                ? new IOException($"the lock file {path} is a symbolic link; render never follows one there: remove it")
                : Posix.Failure(errno, $"cannot open {path} to lock {holder}", "nothing was changed: the user who renders needs read, write and search permission there");
        }
        try
        {
            var waited = Stopwatch.StartNew();
            var limit = timeout ?? DefaultTimeout;
            while (!Posix.TryLockExclusive(handle, path))
            {
                if (waited.Elapsed >= limit)
                    throw new IOException($"another process has held the lock {path} on {holder} for more than {limit.TotalSeconds:0} s; " +
                        "wait for that render to finish (or end it) and run again");
                Thread.Sleep(20);
            }
            return new FileLock(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Releases the lock (closing the descriptor drops it).</summary>
    public void Dispose() => _handle.Dispose();
}
