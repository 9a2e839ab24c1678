namespace Ipfs.Cli.Tests;

/// <summary>A throw-away project folder holding the repository's Pulumi.yaml and one stack file, rendered through <see cref="CliApp.Run"/>.</summary>
internal sealed class TempRenderProject : IDisposable
{
    private readonly DirectoryInfo _project;

    public TempRenderProject(string prefix)
    {
        _project = Directory.CreateTempSubdirectory(prefix);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml"))) continue;
            File.Copy(Path.Combine(dir.FullName, "Pulumi.yaml"), Path.Combine(_project.FullName, "Pulumi.yaml"));
            return;
        }
        throw new InvalidOperationException("Pulumi.yaml not found above the test binaries.");
    }

    /// <summary>The project folder.</summary>
    public string Root => _project.FullName;

    /// <summary>Path of a rendered file of <paramref name="stack"/>.</summary>
    public string OutFile(string stack, string name) => Path.Combine(Root, "out", stack, name);

    /// <summary>Writes <paramref name="stackYaml"/> as Pulumi.&lt;stack&gt;.yaml and renders it.</summary>
    public (int Exit, string Stdout, string Stderr) Render(string stack, string stackYaml)
    {
        File.WriteAllText(Path.Combine(Root, $"Pulumi.{stack}.yaml"), stackYaml);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(["render", "--stack", stack, "--project", Root], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => _project.Delete(recursive: true);
}
