using System.Diagnostics;

namespace Ipfs.Manifests.Tests;

/// <summary>
/// Runs a script under busybox sh, the shell of the kubo and ipfs-cluster images (/bin/sh where
/// busybox is missing), with exactly the environment given on top of the test process's own.
/// </summary>
internal static class ImageShell
{
    /// <summary>The shell binary used.</summary>
    public static string Path => File.Exists("/usr/bin/busybox") ? "/usr/bin/busybox" : "/bin/sh";

    /// <summary>
    /// A folder of busybox applet links (awk, sed, grep, …) to put first on PATH, so the scripts'
    /// tools are busybox's as in the images; null where busybox is missing.
    /// </summary>
    public static string? Applets => LazyApplets.Value;

    private static readonly Lazy<string?> LazyApplets = new(() =>
    {
        if (!Path.EndsWith("busybox", StringComparison.Ordinal) || OperatingSystem.IsWindows()) return null;
        var list = new ProcessStartInfo(Path) { RedirectStandardOutput = true };
        list.ArgumentList.Add("--list");
        using var process = Process.Start(list)!;
        var applets = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        var folder = Directory.CreateTempSubdirectory("ipfs-busybox-applets-").FullName;
        foreach (var applet in applets) File.CreateSymbolicLink(System.IO.Path.Combine(folder, applet), Path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    });

    /// <summary>PATH for a script run: <paramref name="first"/>, then busybox's applets, then the system's.</summary>
    public static string SearchPath(string first) => Applets is null ? $"{first}:/usr/bin:/bin" : $"{first}:{Applets}:/usr/bin:/bin";

    /// <summary>Runs <paramref name="scriptPath"/>; returns exit code, stdout and stderr.</summary>
    public static (int Exit, string Output, string Error) Run(string scriptPath, IEnumerable<KeyValuePair<string, string>> environment)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.EndsWith("busybox", StringComparison.Ordinal)) start.ArgumentList.Add("sh");
        start.ArgumentList.Add(scriptPath);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }
}
