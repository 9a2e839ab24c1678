using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Xunit;

namespace Ipfs.Cli.Tests;

/// <summary>
/// `render` refuses what would lose, leak or half-write a secret: bad arguments, output folders it
/// must not replace, secrets.yaml unignored in git, and material files in unsafe states. Each
/// refusal exits non-zero with one message naming the path, no stack trace, and changes nothing.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class RenderSafetyTests : IDisposable
{
    private readonly TestProject _project = new("render-safety-");

    public void Dispose() => _project.Dispose();

    private static CliProcess.Result Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return new CliProcess.Result(exit, stdout.ToString(), stderr.ToString());
    }

    private CliProcess.Result Render(params string[] extra) => Run(["render", "--stack", "dev", "--project", _project.Root, .. extra]);

    private SortedSet<string> Tree() => new(
        Directory.EnumerateFileSystemEntries(_project.Root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(_project.Root, p)),
        StringComparer.Ordinal);

    /// <summary>Asserts a refusal: non-zero exit, one message containing every <paramref name="expected"/> part, no stack trace, nothing changed.</summary>
    private void AssertRefused(Func<CliProcess.Result> render, params string[] expected)
    {
        var before = Tree();
        var result = render();
        Assert.NotEqual(0, result.Exit);
        foreach (var part in expected) Assert.Contains(part, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Rendered", result.Stdout);
        Assert.Equal(before, Tree());
    }

    private void Git(params string[] args) => Command("git", ["-C", _project.Root, .. args]);

    private static void Command(string program, IEnumerable<string> args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: {process.StandardError.ReadToEnd()}");
    }

    private static bool HasGit => Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, "git")));

    // ---------------------------------------------------------------------------------------
    // Arguments.
    // ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData("--out", "", "command line: --out = : must be a folder path")]
    [InlineData("--out", "  ", "command line: --out =   : must be a folder path")]
    [InlineData("--out", "a\0b", "must be a folder path")]
    [InlineData("--project", "", "command line: --project = : must be the path of the folder holding Pulumi.yaml")]
    [InlineData("--project", "a\0b", "must be the path of the folder holding Pulumi.yaml")]
    public void AnEmptyOrInvalidPath_IsRefusedWithAMessage(string option, string value, string message)
    {
        AssertRefused(() => option == "--project"
            ? Run("render", "--stack", "dev", "--project", value)
            : Render(option, value), message);
    }

    [Fact]
    public void AnEmptyStackName_IsRefusedWithAMessage() =>
        AssertRefused(() => Run("render", "--stack", "", "--project", _project.Root), "--stack", "must be a stack name");

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void ABenchmarkPeerCountOutOfRange_IsRefusedWithAMessage(string peers)
    {
        var result = Run("benchmark", "--peers", peers);

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("--peers: every peer count must be between 1 and 10000", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void AnOutputFolderNameTooLongForItsStagingFolder_IsRefused() =>
        AssertRefused(() => Render("--out", _project.PathOf(new string('x', 201))), "has a folder name longer than 200 bytes");

    [Fact]
    public void TheFilesystemRoot_IsRefused() => AssertRefused(() => Render("--out", "/"), "--out = /: is the filesystem root");

    [Fact]
    public void TheProjectFolderOrAFolderHoldingIt_IsRefused()
    {
        AssertRefused(() => Render("--out", _project.Root), $"is or holds the project folder {_project.Root}");
        AssertRefused(() => Render("--out", Path.GetDirectoryName(_project.Root)!), "is or holds the project folder");
    }

    [Fact]
    public void TheHomeFolder_IsRefused()
    {
        var home = Environment.GetEnvironmentVariable("HOME");
        Assert.False(string.IsNullOrEmpty(home), "HOME is not set");
        AssertRefused(() => Render("--out", home!), $"is or holds the home folder {home}");
    }

    [Fact]
    public void TheMaterialFolder_IsRefused()
    {
        Assert.Equal(0, Render().Exit);
        AssertRefused(() => Render("--out", _project.PathOf(".material")), "material folder");
        AssertRefused(() => Render("--out", _project.PathOf(".material", "out")), "material folder");
    }

    [Fact]
    public void AFolderInsideDotGit_IsRefused() =>
        AssertRefused(() => Render("--out", _project.PathOf(".git", "out")), "lies inside a .git folder");

    [Fact]
    public void AForeignFolder_IsRefusedAndKept()
    {
        var mine = _project.PathOf("mine");
        Directory.CreateDirectory(mine);
        File.WriteAllText(Path.Combine(mine, "kustomization.yaml"), "resources: [app.yaml]\n");

        AssertRefused(() => Render("--out", mine), $"the output folder {mine} holds {Path.Combine(mine, "kustomization.yaml")}, which render did not write");
        Assert.Equal("resources: [app.yaml]\n", File.ReadAllText(Path.Combine(mine, "kustomization.yaml")));
    }

    [Fact]
    public void ALinkAsTheOutputFolder_IsRefused()
    {
        Directory.CreateDirectory(_project.PathOf("real"));
        Directory.CreateSymbolicLink(_project.PathOf("link"), _project.PathOf("real"));

        AssertRefused(() => Render("--out", _project.PathOf("link")), $"the output folder {_project.PathOf("link")} is a symbolic link");
    }

    // ---------------------------------------------------------------------------------------
    // git.
    // ---------------------------------------------------------------------------------------

    [SkippableFact]
    public void AnOutputFolderGitWouldCommit_IsRefusedWithTheGitignoreLine()
    {
        Skip.IfNot(HasGit, "git is not installed; the git work-tree checks are SKIPPED");
        Git("init", "-q");

        AssertRefused(() => Render("--out", _project.PathOf("rendered", "dev")),
            $"{_project.PathOf("rendered", "dev", "secrets.yaml")} would land in the git work tree {_project.Root} without being ignored",
            $"add this line to {_project.PathOf(".gitignore")}: /rendered/dev/");

        File.WriteAllText(_project.PathOf(".gitignore"), "/rendered/dev/\n");
        Assert.Equal(0, Render("--out", _project.PathOf("rendered", "dev")).Exit);
    }

    [SkippableFact]
    public void TheDefaultOutputFolder_RendersWhenGitignored()
    {
        Skip.IfNot(HasGit, "git is not installed; the git work-tree checks are SKIPPED");
        Git("init", "-q");
        AssertRefused(() => Render(), "add this line to", ": /out/dev/");

        File.WriteAllText(_project.PathOf(".gitignore"), "out/\n.material/\n");

        Assert.Equal(0, Render().Exit);
    }

    [SkippableFact]
    public void ATrackedSecretsFile_IsRefused()
    {
        Skip.IfNot(HasGit, "git is not installed; the git work-tree checks are SKIPPED");
        Assert.Equal(0, Render().Exit);
        Git("init", "-q");
        Git("add", "-f", "out/dev/secrets.yaml");
        File.WriteAllText(_project.PathOf(".gitignore"), "out/\n");

        AssertRefused(() => Render(), "is tracked by git", "git rm --cached");
    }

    // ---------------------------------------------------------------------------------------
    // Material file states.
    // ---------------------------------------------------------------------------------------

    [Fact]
    public void AMaterialFileOthersCanRead_IsRefusedNotTightened()
    {
        Assert.Equal(0, Render().Exit);
        File.SetUnixFileMode(_project.Material, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        AssertRefused(() => Render(), $"refusing the material {_project.Material}: it is readable or writable by others (mode 0644)", $"chmod 600 {_project.Material}");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(_project.Material));
    }

    [Fact]
    public void AMaterialFolderOthersCanWrite_IsRefused()
    {
        Assert.Equal(0, Render().Exit);
        File.SetUnixFileMode(_project.PathOf(".material"), (UnixFileMode)0b111_111_111);

        AssertRefused(() => Render(), $"refusing the material folder {_project.PathOf(".material")}: others may write to it");
    }

    [Fact]
    public void ASymlinkedMaterialFile_IsFollowedAndNeverReplaced()
    {
        Assert.Equal(0, Render().Exit);
        var elsewhere = _project.PathOf("vault", "dev.json");
        Directory.CreateDirectory(Path.GetDirectoryName(elsewhere)!);
        File.Move(_project.Material, elsewhere);
        File.CreateSymbolicLink(_project.Material, elsewhere);
        var secrets = File.ReadAllText(_project.PathOf("out", "dev", "secrets.yaml"));
        File.AppendAllText(_project.PathOf("Pulumi.dev.yaml"), "  ipfs-infra:restApi:\n    passwordGeneration: 1\n");

        var result = Render();

        Assert.Equal(0, result.Exit);
        Assert.Contains("rotated the REST API password", result.Stdout);
        Assert.Equal(elsewhere, new FileInfo(_project.Material).LinkTarget);
        Assert.Contains("\"generation\": 1", File.ReadAllText(elsewhere));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(elsewhere));
        var clusterSecret = Regex.Match(secrets, "CLUSTER_SECRET: ([0-9a-f]{64})").Groups[1].Value;
        Assert.Contains(clusterSecret, File.ReadAllText(_project.PathOf("out", "dev", "secrets.yaml")));
        Assert.Equal([elsewhere], Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(elsewhere)!));
    }

    [Fact]
    public void AMaterialLinkToNothing_IsRefusedAndNothingIsGenerated()
    {
        Directory.CreateDirectory(_project.PathOf(".material"));
        File.CreateSymbolicLink(_project.Material, _project.PathOf("unmounted", "dev.json"));

        AssertRefused(() => Render(), $"the material {_project.Material} is a symbolic link to {_project.PathOf("unmounted", "dev.json")}, which does not exist");
        Assert.False(Directory.Exists(_project.PathOf("unmounted")));
    }

    [Fact]
    public void AFolderAtTheMaterialPath_IsRefusedBeforeAnythingIsGenerated()
    {
        Directory.CreateDirectory(_project.Material);

        AssertRefused(() => Render(), $"the material {_project.Material} is a folder, not a file; nothing was generated");
    }

    [Fact]
    public void AFileAtTheMaterialFolderPath_IsRefused()
    {
        File.WriteAllText(_project.PathOf(".material"), "");

        AssertRefused(() => Render(), $"{_project.PathOf(".material")} is not a folder");
    }

    [Fact]
    public void AMaterialFileWithADuplicateKey_IsRefusedWithAMessage()
    {
        Assert.Equal(0, Render().Exit);
        var text = File.ReadAllText(_project.Material);
        File.WriteAllText(_project.Material, text.Replace("\"format\": 2,", "\"format\": 2,\n  \"format\": 2,", StringComparison.Ordinal));

        AssertRefused(() => Render(), "dev.json: (file): is not readable material", "Duplicate property 'format'");
    }

    [Fact]
    public void TemporaryMaterialFilesAKilledRenderLeft_AreRemovedByTheNextRender()
    {
        Assert.Equal(0, Render().Exit);
        var leftover = _project.PathOf(".material", ".dev.json.tmp-0123456789abcdef");
        File.WriteAllText(leftover, "secrets of a killed render");

        Assert.Equal(0, Render().Exit);

        Assert.False(File.Exists(leftover));
    }

    // ---------------------------------------------------------------------------------------
    // Files the rendering user cannot read (run as an unprivileged user when the tests run as root,
    // since root reads everything).
    // ---------------------------------------------------------------------------------------

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs render as a real process of a user who does not own what the test made unreadable.</summary>
    private CliProcess.Result RenderUnprivileged()
    {
        if (!IsRoot) return CliProcess.Run(["render", "--stack", "dev", "--project", _project.Root]);
        Skip.IfNot(File.Exists("/usr/bin/setpriv"), "setpriv is not installed; the unreadable-file checks are SKIPPED under root");
        return CliProcess.Run(["render", "--stack", "dev", "--project", _project.Root],
            ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME=/nonexistent", "DOTNET_CLI_HOME=/tmp"]);
    }

    /// <summary>Makes the project the unprivileged user's, except <paramref name="locked"/>, which nobody but root may read.</summary>
    private void HandOverExcept(string locked)
    {
        File.SetUnixFileMode(_project.Root, (UnixFileMode)0b111_101_101);
        if (IsRoot) Command("chown", ["-R", "65534:65534", _project.Root]);
        if (IsRoot) Command("chown", ["0:0", locked]);
        File.SetUnixFileMode(locked, Directory.Exists(locked) ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (!IsRoot) File.SetUnixFileMode(locked, UnixFileMode.None);
    }

    [SkippableFact]
    public void AnUnreadableMaterialFile_IsAnErrorNeverANewIdentity()
    {
        Assert.Equal(0, Render().Exit);
        var bytes = File.ReadAllBytes(_project.Material);
        HandOverExcept(_project.Material);
        var before = Tree();

        var result = RenderUnprivileged();

        Assert.NotEqual(0, result.Exit);
        Assert.Contains($"cannot read the material {_project.Material}: permission denied; it is never regenerated over", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Equal(before, Tree());
        Assert.Equal(bytes, File.ReadAllBytes(_project.Material));
    }

    [SkippableFact]
    public void AnUnreadableMaterialFolder_IsAnErrorBeforeAnythingIsGenerated()
    {
        Assert.Equal(0, Render().Exit);
        HandOverExcept(_project.PathOf(".material"));
        var before = Tree();

        var result = RenderUnprivileged();

        Assert.NotEqual(0, result.Exit);
        Assert.Contains($"cannot open {_project.PathOf(".material")} to lock the material {_project.Material}: Permission denied", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Equal(before, Tree());
    }

    [SkippableFact]
    public void AnUnreadableStackFile_IsAnErrorNamingIt()
    {
        HandOverExcept(_project.PathOf("Pulumi.dev.yaml"));

        var result = RenderUnprivileged();

        Assert.NotEqual(0, result.Exit);
        Assert.Contains(_project.PathOf("Pulumi.dev.yaml"), result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.False(Directory.Exists(_project.PathOf(".material")));
        Assert.False(Directory.Exists(_project.PathOf("out")));
    }
}
