using System.Diagnostics;

namespace Ipfs.Cli.Tests;

/// <summary>
/// The native render binary: the one IPFS_INFRA_NATIVE names (.ci/run builds it first and sets it),
/// else built once per test run by scripts/build-native.sh. Null where the AOT toolchain (clang) is
/// missing.
/// </summary>
public sealed class NativeBinary
{
    /// <summary>Why the native tests are skipped (shown by the test runner).</summary>
    public const string MissingNotice =
        "NOTICE: clang is not installed, so the native render binary was NOT built or compared with the library. Install the Debian packages 'clang' and 'zlib1g-dev' (.ci/run does) to run these tests.";

    /// <summary>Full path of the built binary, or null without the toolchain.</summary>
    public string? Path { get; }

    /// <summary>The repository folder (holds Pulumi.yaml).</summary>
    public static string RepositoryDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Pulumi.yaml")))
                return dir.FullName;
        throw new InvalidOperationException($"No Pulumi.yaml at or above {AppContext.BaseDirectory}.");
    }

    public NativeBinary()
    {
        if (Environment.GetEnvironmentVariable("IPFS_INFRA_NATIVE") is { Length: > 0 } built)
        {
            Path = File.Exists(built) ? built : throw new FileNotFoundException($"IPFS_INFRA_NATIVE names {built}, which does not exist");
            return;
        }
        if (!OperatingSystem.IsLinux() || !OnPath("clang")) return;
        var (exit, stdout, stderr) = Run("bash", RepositoryDirectory(), TimeSpan.FromMinutes(20), "scripts/build-native.sh");
        if (exit != 0) throw new InvalidOperationException($"scripts/build-native.sh failed (exit {exit}):\n{stdout}\n{stderr}");
        Path = stdout.TrimEnd().Split('\n')[^1];
    }

    /// <summary>Runs a program to its end; returns exit code, standard output and standard error.</summary>
    public static (int Exit, string Stdout, string Stderr) Run(string program, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {timeout}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static bool OnPath(string tool) => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(dir => File.Exists(System.IO.Path.Combine(dir, tool)));
}
