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
