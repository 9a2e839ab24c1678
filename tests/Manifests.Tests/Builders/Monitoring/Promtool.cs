using System.Diagnostics;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.Monitoring;

/// <summary>Runs Prometheus' promtool (Debian package <c>prometheus</c>, installed by .ci/run) when it is installed.</summary>
internal static class Promtool
{
    /// <summary>Full path of promtool on PATH, or null.</summary>
    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => System.IO.Path.Combine(dir, "promtool"))
        .FirstOrDefault(File.Exists);

    /// <summary>Why the promtool tests are skipped (shown by the test runner).</summary>
    public const string MissingNotice =
        "NOTICE: promtool is not installed, so the alert rules were NOT checked by promtool. Install the Debian package 'prometheus' (.ci/run does) to run these tests.";

    /// <summary>Skips the calling [SkippableFact]/[SkippableTheory] visibly when promtool is missing.</summary>
    public static void RequireOrSkip() => Skip.If(Path is null, MissingNotice);

    /// <summary>Runs promtool with <paramref name="args"/> in <paramref name="workingDirectory"/>; returns exit code and combined output.</summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Path!) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"promtool {string.Join(' ', args)} did not finish in 2 minutes");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
