using System.Text.RegularExpressions;
using Xunit;

namespace Ipfs.Cli.Tests;

/// <summary>
/// `render` end to end through <see cref="CliApp.Run"/>, in a throw-away copy of the project's
/// Pulumi files: exit codes, what is printed, and exactly which files appear.
/// </summary>
public sealed class RenderCommandTests : IDisposable
{
    private readonly DirectoryInfo _project = Directory.CreateTempSubdirectory("render-cli-");

    public RenderCommandTests()
    {
        var repository = RepositoryDirectory();
        foreach (var file in new[] { "Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml" })
            File.Copy(Path.Combine(repository, file), Path.Combine(_project.FullName, file));
    }

    public void Dispose() => _project.Delete(recursive: true);

    private string ProjectPath(params string[] parts) => Path.Combine([_project.FullName, .. parts]);

    private static string RepositoryDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
                return dir.FullName;
        throw new InvalidOperationException($"No Pulumi.yaml at or above {AppContext.BaseDirectory}.");
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private (int Exit, string Stdout, string Stderr) Render(string stack, params string[] extra) =>
        Run(["render", "--stack", stack, "--project", _project.FullName, .. extra]);

    /// <summary>Every file and folder under the project, relative to it.</summary>
    private SortedSet<string> Tree() => new(
        Directory.EnumerateFileSystemEntries(_project.FullName, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(_project.FullName, p)),
        StringComparer.Ordinal);

    private static Dictionary<string, byte[]> Contents(string directory) =>
        Directory.EnumerateFiles(directory).ToDictionary(p => Path.GetFileName(p), File.ReadAllBytes, StringComparer.Ordinal);

    private static readonly string[] DevFiles = ["kustomization.yaml", "namespace.yaml", "network.yaml", "node-set.yaml", "secrets.yaml", "storage.yaml"];

    /// <summary>Writes a material file as a careful operator restores one: readable by its owner only.</summary>
    private static void WriteOwnerOnly(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private void WriteStack(string stack, string yaml) => File.WriteAllText(ProjectPath($"Pulumi.{stack}.yaml"), yaml);

    // ---------------------------------------------------------------------------------------
    // A good stack.
    // ---------------------------------------------------------------------------------------

    [Fact]
    public void Render_ExitsZeroAndWritesTheStacksFiles()
    {
        var (exit, _, stderr) = Render("dev");

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        foreach (var file in DevFiles)
            Assert.True(File.Exists(ProjectPath("out", "dev", file)), $"out/dev/{file} is missing");
    }

    [Fact]
    public void Render_SummaryCountsObjectsPerKindAndNamesTheOutputFolder()
    {
        var (_, stdout, _) = Render("dev");

        Assert.Contains("Rendered stack 'dev' (dev profile, 3 peers, namespace ipfs-dev)", stdout);
        Assert.Contains(ProjectPath("out", "dev"), stdout);
        Assert.Matches(new Regex(@"^  Namespace\s+1$", RegexOptions.Multiline), stdout);
        Assert.Matches(new Regex(@"^  Secret\s+3$", RegexOptions.Multiline), stdout);
        Assert.Matches(new Regex(@"^  ConfigMap\s+\d+$", RegexOptions.Multiline), stdout);
        foreach (var file in DevFiles)
            Assert.Contains(ProjectPath("out", "dev", file), stdout);
    }

    [Fact]
    public void FirstRender_SaysItGeneratedMaterial()
    {
        var (_, stdout, _) = Render("dev");

        Assert.Contains("material: generated the cluster secret", stdout);
        Assert.Contains(ProjectPath(".material", "dev.json"), stdout);
    }

    [Fact]
    public void Render_CreatesNothingButTheOutputFolderAndTheMaterialFile()
    {
        var before = Tree();

        Render("dev");

        var added = Tree().Except(before).ToList();
        Assert.All(added, path => Assert.True(
            path == "out" || path.StartsWith("out" + Path.DirectorySeparatorChar, StringComparison.Ordinal) ||
            path == ".material" || path == Path.Combine(".material", "dev.json"),
            $"render created {path}"));
        Assert.Contains(Path.Combine(".material", "dev.json"), added);
        Assert.Empty(before.Except(Tree()));
    }

    [Fact]
    public void Render_KeepsSecretsAndMaterialReadableByTheOwnerOnly()
    {
        Render("dev");

        if (OperatingSystem.IsWindows()) return; // no Unix modes to check
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ProjectPath("out", "dev", "secrets.yaml")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ProjectPath(".material", "dev.json")));
    }

    [Fact]
    public void SecondRender_WritesIdenticalFilesAndGeneratesNoMaterial()
    {
        Render("dev");
        var first = Contents(ProjectPath("out", "dev"));
        var material = File.ReadAllBytes(ProjectPath(".material", "dev.json"));

        var (exit, stdout, _) = Render("dev");

        Assert.Equal(0, exit);
        var second = Contents(ProjectPath("out", "dev"));
        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        foreach (var (name, bytes) in first)
            Assert.True(bytes.AsSpan().SequenceEqual(second[name]), $"{name} changed between renders");
        Assert.Equal(material, File.ReadAllBytes(ProjectPath(".material", "dev.json")));
        Assert.DoesNotContain("material:", stdout);
        Assert.DoesNotContain("generated", stdout);
    }

    [Fact]
    public void OutOption_WritesToThatFolderOnly()
    {
        var output = ProjectPath("elsewhere", "rendered");

        var (exit, stdout, _) = Render("dev", "--out", output);

        Assert.Equal(0, exit);
        Assert.Equal([".ipfs-infra-render", .. DevFiles], Directory.EnumerateFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(ProjectPath("out")));
        Assert.Contains(output, stdout);
    }

    [Fact]
    public void ProdStack_Renders()
    {
        var (exit, stdout, stderr) = Render("prod");

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Contains("Rendered stack 'prod' (prod profile, 3 peers, namespace ipfs)", stdout);
        Assert.True(File.Exists(ProjectPath("out", "prod", "kustomization.yaml")));
        Assert.True(File.Exists(ProjectPath(".material", "prod.json")));
    }

    // ---------------------------------------------------------------------------------------
    // Failures: a message, an exit code, no stack trace, nothing written.
    // ---------------------------------------------------------------------------------------

    [Fact]
    public void BadStackFile_FailsListingEveryProblemAndWritesNothing()
    {
        WriteStack("broken", """
            config:
              ipfs-infra:profile: dev
              ipfs-infra:peers: 0
              ipfs-infra:namespace: Bad_Namespace
              ipfs-infra:images:
                kubo: ipfs/kubo:latest
              ipfs-infra:colour: blue
            """);
        var before = Tree();

        var (exit, stdout, stderr) = Render("broken");

        Assert.NotEqual(0, exit);
        foreach (var key in new[] { "peers = 0", "namespace = Bad_Namespace", "images.kubo = ipfs/kubo:latest", "colour = blue" })
            Assert.Contains($"Pulumi.broken.yaml: ipfs-infra:{key}", stderr);
        Assert.Contains("(4 problems)", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Rendered", stdout);
        Assert.Equal(before, Tree());
    }

    [Fact]
    public void YamlSyntaxError_FailsNamingTheFileAndLine()
    {
        WriteStack("broken", "config:\n  ipfs-infra:profile: dev\n   ipfs-infra:peers: 3\n");
        var before = Tree();

        var (exit, _, stderr) = Render("broken");

        Assert.NotEqual(0, exit);
        Assert.Contains("Pulumi.broken.yaml: config: is not valid YAML at line 3", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal(before, Tree());
    }

    [Fact]
    public void UnclosedFlowSequence_FailsWithAMessageNotAStackTrace()
    {
        WriteStack("broken", "config:\n  ipfs-infra:profile: dev\n  ipfs-infra:peers: [3\n  ipfs-infra:name: x\n");
        var before = Tree();

        var (exit, _, stderr) = Render("broken");

        Assert.NotEqual(0, exit);
        Assert.Contains("Pulumi.broken.yaml", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal(before, Tree());
    }

    [Fact]
    public void UnknownStack_FailsNamingTheMissingStackFile()
    {
        var before = Tree();

        var (exit, _, stderr) = Render("staging");

        Assert.NotEqual(0, exit);
        Assert.Contains("Pulumi.staging.yaml", stderr);
        Assert.Contains("not found", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal(before, Tree());
    }

    [Fact]
    public void ProjectWithoutPulumiYaml_Fails()
    {
        var empty = ProjectPath("empty");
        Directory.CreateDirectory(empty);

        var (exit, _, stderr) = Run("render", "--stack", "dev", "--project", empty);

        Assert.NotEqual(0, exit);
        Assert.Contains("--project", stderr);
        Assert.Contains("has no Pulumi.yaml", stderr);
    }

    [Fact]
    public void InvalidStackName_Fails()
    {
        var (exit, _, stderr) = Render("../dev");

        Assert.NotEqual(0, exit);
        Assert.Contains("--stack", stderr);
        Assert.Empty(Directory.EnumerateDirectories(_project.FullName));
    }

    [Fact]
    public void MissingStackOption_Fails()
    {
        var (exit, _, stderr) = Run("render", "--project", _project.FullName);

        Assert.NotEqual(0, exit);
        Assert.Contains("--stack", stderr);
    }

    [Fact]
    public void CorruptMaterialFile_FailsAndIsLeftUntouched()
    {
        var material = ProjectPath(".material", "dev.json");
        Directory.CreateDirectory(Path.GetDirectoryName(material)!);
        WriteOwnerOnly(material, "{ \"format\": 2, \"clusterSecret\": ");
        var bytes = File.ReadAllBytes(material);
        var before = Tree();

        var (exit, _, stderr) = Render("dev");

        Assert.NotEqual(0, exit);
        Assert.Contains("dev.json", stderr);
        Assert.Contains("never regenerated", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal(bytes, File.ReadAllBytes(material));
        Assert.Equal(before, Tree());
    }

    [Fact]
    public void MaterialFileWithABadIdentitySeed_FailsAndIsLeftUntouched()
    {
        Render("dev");
        var material = ProjectPath(".material", "dev.json");
        var text = File.ReadAllText(material);
        var seed = Regex.Match(text, "\"identitySeed\": \"([0-9a-f]{64})\"").Groups[1].Value;
        Assert.Equal(64, seed.Length);
        File.WriteAllText(material, text.Replace(seed, seed[..63] + "g", StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(material);

        var (exit, _, stderr) = Render("dev");

        Assert.NotEqual(0, exit);
        Assert.Contains("dev.json: identitySeed", stderr);
        Assert.DoesNotContain(seed[..32], stderr);
        Assert.Equal(bytes, File.ReadAllBytes(material));
    }

    [Fact]
    public void FormatOneMaterialFile_IsRefusedAsAnOlderLayoutAndLeftUntouched()
    {
        var material = ProjectPath(".material", "dev.json");
        Directory.CreateDirectory(Path.GetDirectoryName(material)!);
        var seed = new string('a', 64);
        WriteOwnerOnly(material, $$"""
            {
              "format": 1,
              "clusterSecret": "{{new string('b', 64)}}",
              "restApi": { "generation": 0, "password": "aPasswordThatMustNotBePrinted123" },
              "clusterPeerSeeds": ["{{seed}}", "{{seed}}", "{{seed}}"],
              "kuboPeerSeeds": ["{{seed}}", "{{seed}}", "{{seed}}"]
            }
            """);
        var bytes = File.ReadAllBytes(material);
        var before = Tree();

        var (exit, stdout, stderr) = Render("dev");

        Assert.NotEqual(0, exit);
        Assert.Contains("dev.json: format = 1: is an older material layout", stderr);
        Assert.Contains("this version does not read", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain(seed[..32], stdout + stderr);
        Assert.DoesNotContain("aPasswordThatMustNotBePrinted123", stdout + stderr);
        Assert.Equal(bytes, File.ReadAllBytes(material));
        Assert.Equal(before, Tree());
    }

    [Fact]
    public void ScalingDownAndUpAgain_ChangesNothingInTheMaterialFileAndRestoresTheSameIdentities()
    {
        WriteStack("dev", File.ReadAllText(ProjectPath("Pulumi.dev.yaml")) + "  ipfs-infra:peers: 5\n");
        Render("dev");
        var material = File.ReadAllBytes(ProjectPath(".material", "dev.json"));
        var five = File.ReadAllText(ProjectPath("out", "dev", "secrets.yaml"));

        WriteStack("dev", File.ReadAllText(ProjectPath("Pulumi.dev.yaml")).Replace("peers: 5", "peers: 3", StringComparison.Ordinal));
        var (_, downStdout, _) = Render("dev");
        WriteStack("dev", File.ReadAllText(ProjectPath("Pulumi.dev.yaml")).Replace("peers: 3", "peers: 5", StringComparison.Ordinal));
        var (exit, upStdout, _) = Render("dev");

        Assert.Equal(0, exit);
        Assert.Contains("3 peers", downStdout);
        Assert.Contains("5 peers", upStdout);
        Assert.DoesNotContain("material:", downStdout + upStdout);
        Assert.Equal(material, File.ReadAllBytes(ProjectPath(".material", "dev.json")));
        Assert.Equal(five, File.ReadAllText(ProjectPath("out", "dev", "secrets.yaml")));
    }

    [Fact]
    public void ConfigReference_ListsEveryKey()
    {
        var (exit, stdout, _) = Run("config-reference");

        Assert.Equal(0, exit);
        Assert.Contains("| `ipfs-infra:profile` |", stdout);
        Assert.Contains("| `ipfs-infra:replication.min` |", stdout);
        Assert.Contains("| `ipfs-infra:kubernetes.kubeconfig` |", stdout);
    }
}
