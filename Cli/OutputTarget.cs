using Ipfs.Manifests.Config;

namespace Ipfs.Cli;

/// <summary>
/// Where <c>render</c> may put its output folder. The folder is replaced as a whole at every render,
/// so it may not be (or hold) the filesystem root, the home folder, the project, the material, or
/// anything inside a <c>.git</c> folder; and secrets.yaml may not land in a git work tree unignored.
/// </summary>
internal static class OutputTarget
{
    /// <summary>The output folder's full path for <paramref name="output"/> (or the stack's default).</summary>
    /// <exception cref="ConfigValidationException">The folder is one render must never replace, or secrets.yaml there would not be ignored by git.</exception>
    public static string Resolve(StackLocation location, string? output)
    {
        if (output is not null && (string.IsNullOrWhiteSpace(output) || output.Contains('\0', StringComparison.Ordinal)))
            throw Refusal(output, "must be a folder path, such as out/dev");
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output ?? location.DefaultOutput));
        var value = output ?? full;

        if (Path.GetDirectoryName(full) is null)
            throw Refusal(value, "is the filesystem root; render replaces its output folder as a whole: pass a folder of its own, such as out/dev");
        // The staging folder beside it is named .NAME.render-<16 hex>, within the 255-byte name limit.
        if (System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(full)) > 200)
            throw Refusal(value, "has a folder name longer than 200 bytes; render needs room to name a staging folder beside it");
        if (Contains(full, location.ProjectDirectory))
            throw Refusal(value, $"is or holds the project folder {location.ProjectDirectory}; render replaces its output folder as a whole: pass a folder of its own, such as out/{location.Stack}");
        var home = Environment.GetEnvironmentVariable("HOME");
        if (!string.IsNullOrEmpty(home) && Path.IsPathFullyQualified(home) && Contains(full, Path.TrimEndingDirectorySeparator(home)))
            throw Refusal(value, $"is or holds the home folder {home}; pass a folder of its own, such as out/{location.Stack}");
        var materialFolder = Path.GetDirectoryName(location.MaterialFile)!;
        if (Contains(full, materialFolder) || Contains(materialFolder, full))
            throw Refusal(value, $"is, holds or lies inside the material folder {materialFolder}; keep the rendered output apart from the cluster's identity");
        if (full.Split(Path.DirectorySeparatorChar).Contains(".git", StringComparer.Ordinal))
            throw Refusal(value, "lies inside a .git folder");

        var gitProblem = GitIgnoreCheck.Problem(Path.Combine(full, Ipfs.Manifests.Rendering.ManifestRenderer.SecretsFile));
        if (gitProblem is not null) throw Refusal(value, gitProblem);
        return full;
    }

    /// <summary>Whether <paramref name="outer"/> is <paramref name="inner"/> or one of its ancestors.</summary>
    private static bool Contains(string outer, string inner) =>
        inner == outer || inner.StartsWith(outer + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static ConfigValidationException Refusal(string value, string message) =>
        new([new ConfigProblem("command line", "--out", value, message)]);
}
