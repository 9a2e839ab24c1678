using System.Diagnostics;

namespace Ipfs.Cli.Tests;

/// <summary>The built CLI (ipfs-infra.dll beside the tests) run as a real process, optionally under strace.</summary>
internal static class CliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>What a finished process left: exit code (137 when killed by SIGKILL) and its output.</summary>
    public sealed record Result(int Exit, string Stdout, string Stderr);

    /// <summary>Where strace is, or null.</summary>
    public static string? Strace { get; } = new[] { "/usr/bin/strace", "/bin/strace", "/usr/local/bin/strace" }.FirstOrDefault(File.Exists);

    /// <summary>Starts <c>ipfs-infra ARGS</c>, prefixed by <paramref name="wrapper"/> (e.g. strace and its options) when given.</summary>
    public static Process Start(IEnumerable<string> args, IEnumerable<string>? wrapper = null)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var command = (wrapper ?? []).Concat([host, Path.Combine(AppContext.BaseDirectory, "ipfs-infra.dll")]).Concat(args).ToList();
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in command.Skip(1)) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(start)!;
    }

    /// <summary>Waits for a started process and collects its output.</summary>
    public static Result Finish(Process process)
    {
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"ipfs-infra did not finish within {Timeout.TotalSeconds} s");
            }
            return new Result(process.ExitCode, stdout.Result, stderr.Result);
        }
    }

    /// <summary>Runs <c>ipfs-infra ARGS</c> to the end.</summary>
    public static Result Run(IEnumerable<string> args, IEnumerable<string>? wrapper = null) => Finish(Start(args, wrapper));
}
