using Ipfs.Manifests.Config;

namespace Ipfs.Cli;

/// <summary>Where a stack's files live: the Pulumi project folder, its stack file and its material file.</summary>
internal sealed record StackLocation(string ProjectDirectory, string Stack)
{
    /// <summary>Pulumi.&lt;stack&gt;.yaml.</summary>
    public string StackFile => Path.Combine(ProjectDirectory, $"Pulumi.{Stack}.yaml");

    /// <summary>The stack's secret material under render (gitignored, 0600).</summary>
    public string MaterialFile => Path.Combine(ProjectDirectory, ".material", $"{Stack}.json");

    /// <summary>Default output folder, out/&lt;stack&gt;.</summary>
    public string DefaultOutput => Path.Combine(ProjectDirectory, "out", Stack);

    /// <summary>
    /// Finds the project folder: <paramref name="project"/> when given, else the nearest folder at or
    /// above the working directory that holds Pulumi.yaml.
    /// </summary>
    public static StackLocation Resolve(string stack, string? project)
    {
        if (!Ipfs.Manifests.Naming.KubernetesNames.IsDnsLabel(stack))
            throw new ConfigValidationException([new ConfigProblem("command line", "--stack", stack, "must be a stack name such as dev or prod (lower-case letters, digits, '-')")]);
        if (project is not null)
        {
            if (string.IsNullOrWhiteSpace(project) || project.Contains('\0', StringComparison.Ordinal))
                throw new ConfigValidationException([new ConfigProblem("command line", "--project", project, "must be the path of the folder holding Pulumi.yaml")]);
            if (!File.Exists(Path.Combine(project, "Pulumi.yaml")))
                throw new ConfigValidationException([new ConfigProblem("command line", "--project", project, "has no Pulumi.yaml")]);
            return new StackLocation(Path.GetFullPath(project), stack);
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
                return new StackLocation(dir.FullName, stack);
        throw new ConfigValidationException([new ConfigProblem("command line", "--project", Directory.GetCurrentDirectory(),
            "no Pulumi.yaml here or in any parent folder; run from the project or pass --project")]);
    }
}
