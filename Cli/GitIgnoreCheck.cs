using System.ComponentModel;
using System.Diagnostics;

namespace Ipfs.Cli;

/// <summary>
/// Whether a rendered secrets file would be committed by <c>git add -A</c>: asks git
/// (<c>check-ignore</c>, <c>ls-files</c>) when it is installed; without git, a folder under a
/// <c>.git</c> work tree must be ignored by a plain line of its top-level .gitignore.
/// </summary>
internal static class GitIgnoreCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Null when <paramref name="secretsFile"/> is outside every git work tree or ignored there; else what to do about it.</summary>
    public static string? Problem(string secretsFile)
    {
        var folder = Path.GetDirectoryName(secretsFile)!;
        var existing = folder;
        while (!Directory.Exists(existing)) existing = Path.GetDirectoryName(existing)!;

        var top = Git(existing, "rev-parse", "--show-toplevel");
        if (top is { Exit: 0 })
        {
            var topLevel = Path.TrimEndingDirectorySeparator(top.Value.Output.Trim());
            if (Git(existing, "ls-files", "--error-unmatch", "--", secretsFile) is { Exit: 0 })
                return $"{secretsFile} is tracked by git in {topLevel}, so every render would be committed with the cluster's secrets: " +
                       $"run `git rm --cached {secretsFile}`, commit that, and add this line to {Path.Combine(topLevel, ".gitignore")}: {IgnoreLine(topLevel, folder)}";
            var ignored = Git(existing, "check-ignore", "-q", "--", secretsFile);
            if (ignored is { Exit: 0 }) return null;
            if (ignored is { Exit: 1 }) return Unignored(topLevel, secretsFile, folder);
            return $"git could not tell whether {secretsFile} is ignored ({ignored?.Error.Trim()}); render into a folder outside the work tree {topLevel}";
        }

        // No git (or it refused the repository): find the work tree by its .git entry and read its .gitignore.
        for (var dir = new DirectoryInfo(existing); dir is not null; dir = dir.Parent)
        {
            if (!Directory.Exists(Path.Combine(dir.FullName, ".git")) && !File.Exists(Path.Combine(dir.FullName, ".git"))) continue;
            return IgnoredByPlainLine(dir.FullName, folder)
                ? null
                : Unignored(dir.FullName, secretsFile, folder) + " (git is not available to read every ignore rule, so render looked for that line or one for a parent folder in the top-level .gitignore)";
        }
        return null;
    }

    private static string Unignored(string topLevel, string secretsFile, string folder) =>
        $"{secretsFile} would land in the git work tree {topLevel} without being ignored, so `git add -A` would commit the cluster's secrets: " +
        $"add this line to {Path.Combine(topLevel, ".gitignore")}: {IgnoreLine(topLevel, folder)} (or render outside the work tree)";

    private static string IgnoreLine(string topLevel, string folder) =>
        "/" + Path.GetRelativePath(topLevel, folder).Replace(Path.DirectorySeparatorChar, '/') + "/";

    /// <summary>A line of the top-level .gitignore naming the folder or one of its parents below the top (anchored or not).</summary>
    private static bool IgnoredByPlainLine(string topLevel, string folder)
    {
        var gitignore = Path.Combine(topLevel, ".gitignore");
        if (!File.Exists(gitignore)) return false;
        var lines = File.ReadAllLines(gitignore).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        var segments = Path.GetRelativePath(topLevel, folder).Split(Path.DirectorySeparatorChar);
        for (var i = 1; i <= segments.Length; i++)
        {
            var relative = string.Join('/', segments[..i]);
            if (lines.Overlaps(new[] { "/" + relative, "/" + relative + "/" })) return true;
            if (i == 1 && lines.Overlaps(new[] { relative, relative + "/" })) return true;
        }
        return false;
    }

    private static (int Exit, string Output, string Error)? Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(directory);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return (process.ExitCode, output.Result, error.Result);
        }
        catch (Win32Exception)
        {
            return null; // git is not installed
        }
    }
}
