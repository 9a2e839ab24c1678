using Ipfs.Manifests.Files;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Spec;
using Xunit;

namespace Ipfs.Manifests.Tests.Rendering;

/// <summary>
/// The output folder: replaced as a whole, only when the tool wrote it, never through a link.
/// (Atomicity under injected faults and kills is shown end to end in Cli.Tests' FaultInjectionTests.)
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class OutputFolderTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("output-folder-");

    public void Dispose() => _root.Delete(recursive: true);

    private string Out => Path.Combine(_root.FullName, "out", "dev");

    private static IReadOnlyList<RenderedFile> Files(ClusterSpec spec) =>
        ManifestRenderer.Render(ClusterManifest.Build(spec, TestSpecs.Material(spec)));

    private static ClusterSpec PrivateSwarm => TestSpecs.Dev with { Network = TestSpecs.Dev.Network with { PrivateSwarm = true } };

    private void Render(ClusterSpec spec, string? path = null)
    {
        using var folder = OutputFolder.Open(path ?? Out);
        folder.Replace(Files(spec));
    }

    private static SortedDictionary<string, string> Contents(string folder) => new(
        Directory.EnumerateFiles(folder).ToDictionary(p => Path.GetFileName(p), File.ReadAllText), StringComparer.Ordinal);

    private static SortedDictionary<string, string> Expected(ClusterSpec spec)
    {
        var files = Files(spec);
        var expected = new SortedDictionary<string, string>(files.ToDictionary(f => f.RelativePath, f => f.Content), StringComparer.Ordinal);
        expected[OutputFolder.MarkerFile] = File.ReadAllText(Path.Combine(TestRender(spec), OutputFolder.MarkerFile));
        return expected;
    }

    private static string TestRender(ClusterSpec spec)
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("output-folder-expected-").FullName, "out");
        using var output = OutputFolder.Open(folder);
        output.Replace(Files(spec));
        return folder;
    }

    [Fact]
    public void Replace_WritesEveryFileAndAMarkerListingThem()
    {
        var files = Files(TestSpecs.Dev);

        Render(TestSpecs.Dev);

        foreach (var file in files)
            Assert.Equal(file.Content, File.ReadAllText(Path.Combine(Out, file.RelativePath)));
        var marker = File.ReadAllLines(Path.Combine(Out, OutputFolder.MarkerFile));
        Assert.StartsWith("# Written by ipfs-infra render", marker[0]);
        Assert.Equal(files.Select(f => f.RelativePath), marker.Skip(1));
        Assert.Equal(files.Count + 1, Directory.EnumerateFileSystemEntries(Out).Count());
    }

    [Fact]
    public void Replace_CreatesSecretsYamlReadableByItsOwnerOnly()
    {
        Render(TestSpecs.Dev);

        Assert.Equal(DurableFile.OwnerOnly, File.GetUnixFileMode(Path.Combine(Out, ManifestRenderer.SecretsFile)));
    }

    [Fact]
    public void SecondRender_LeavesExactlyTheNewFilesSoADroppedSwarmKeyIsGone()
    {
        Render(PrivateSwarm);
        Assert.Contains(TestSpecs.Material(PrivateSwarm).SwarmKeyHex!, File.ReadAllText(Path.Combine(Out, ManifestRenderer.SecretsFile)));

        Render(TestSpecs.Dev with { Peers = 5 });

        Assert.Equal(Expected(TestSpecs.Dev with { Peers = 5 }), Contents(Out));
        Assert.DoesNotContain(TestSpecs.Material(PrivateSwarm).SwarmKeyHex!, File.ReadAllText(Path.Combine(Out, ManifestRenderer.SecretsFile)));
    }

    [Fact]
    public void Replace_LeavesNothingBesideTheOutputFolder()
    {
        Render(TestSpecs.Dev);
        Render(TestSpecs.Prod);

        Assert.Equal(["dev"], Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(Out)!).Select(Path.GetFileName));
    }

    [Fact]
    public void AFailedWrite_LeavesThePreviousRenderAndNoStagingFolder()
    {
        Render(TestSpecs.Dev);
        var before = Contents(Out);
        var unwritable = Files(TestSpecs.Prod).Append(new RenderedFile(Path.Combine("no-such-folder", "x.yaml"), "x", HoldsSecrets: false)).ToList();

        using (var folder = OutputFolder.Open(Out))
            Assert.ThrowsAny<IOException>(() => folder.Replace(unwritable));

        Assert.Equal(before, Contents(Out));
        Assert.Equal(["dev"], Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(Out)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Open_RemovesTheStagingFolderOfAKilledRender()
    {
        Render(TestSpecs.Dev);
        var leftover = Path.Combine(Path.GetDirectoryName(Out)!, ".dev.render-0123456789abcdef");
        Directory.CreateDirectory(leftover);
        File.WriteAllText(Path.Combine(leftover, ManifestRenderer.SecretsFile), "secret");
        var unrelated = Path.Combine(Path.GetDirectoryName(Out)!, ".dev.render-mine");
        Directory.CreateDirectory(unrelated);

        using (OutputFolder.Open(Out)) { }

        Assert.False(Directory.Exists(leftover));
        Assert.True(Directory.Exists(unrelated));
    }

    [Fact]
    public void AnEmptyExistingFolder_IsTaken()
    {
        Directory.CreateDirectory(Out);

        Render(TestSpecs.Dev);

        Assert.Equal(Expected(TestSpecs.Dev), Contents(Out));
    }

    [Fact]
    public void AFolderAnEarlierVersionRendered_IsTakenOver()
    {
        Directory.CreateDirectory(Out);
        foreach (var file in Files(TestSpecs.Dev))
            File.WriteAllText(Path.Combine(Out, file.RelativePath), file.Content);

        Render(TestSpecs.Dev);

        Assert.True(File.Exists(Path.Combine(Out, OutputFolder.MarkerFile)));
    }

    [Theory]
    [InlineData("kustomization.yaml", "resources: [mine.yaml]\n")]
    [InlineData("notes.md", "# mine\n")]
    [InlineData("empty.yaml", "")]
    public void AFolderHoldingAFileTheToolDidNotWrite_IsRefusedAndLeftAlone(string name, string content)
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, name), content);

        var error = Assert.Throws<IOException>(() => Render(TestSpecs.Dev));

        Assert.Contains($"the output folder {Out} holds {Path.Combine(Out, name)}, which render did not write", error.Message);
        Assert.Equal([name], Directory.EnumerateFileSystemEntries(Out).Select(Path.GetFileName));
        Assert.Equal(content, File.ReadAllText(Path.Combine(Out, name)));
    }

    [Fact]
    public void AFileAddedToARenderedFolder_IsRefused()
    {
        Render(TestSpecs.Dev);
        File.WriteAllText(Path.Combine(Out, "patch.yaml"), "mine");

        var error = Assert.Throws<IOException>(() => Render(TestSpecs.Dev));

        Assert.Contains("patch.yaml, which render did not write", error.Message);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(Out, "patch.yaml")));
    }

    [Fact]
    public void ASymlinkAsTheOutputFolder_IsRefusedAndNotFollowed()
    {
        var real = Path.Combine(_root.FullName, "real");
        Directory.CreateDirectory(real);
        Directory.CreateDirectory(Path.GetDirectoryName(Out)!);
        Directory.CreateSymbolicLink(Out, real);

        var error = Assert.Throws<IOException>(() => Render(TestSpecs.Dev));

        Assert.Contains($"the output folder {Out} is a symbolic link", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(real));
        Assert.NotNull(new DirectoryInfo(Out).LinkTarget);
    }

    [Fact]
    public void ASymlinkInsideTheOutputFolder_IsRefusedAndItsTargetUntouched()
    {
        Render(TestSpecs.Dev);
        var target = Path.Combine(_root.FullName, "precious.yaml");
        File.WriteAllText(target, "precious");
        var link = Path.Combine(Out, "storage.yaml");
        File.Delete(link);
        File.CreateSymbolicLink(link, target);

        var error = Assert.Throws<IOException>(() => Render(TestSpecs.Dev));

        Assert.Contains($"holds a symbolic link {link}", error.Message);
        Assert.Equal("precious", File.ReadAllText(target));
    }

    [Fact]
    public void AFileAsTheOutputFolder_IsRefused()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Out)!);
        File.WriteAllText(Out, "mine");

        var error = Assert.Throws<IOException>(() => Render(TestSpecs.Dev));

        Assert.Contains($"the output folder {Out} is a file", error.Message);
        Assert.Equal("mine", File.ReadAllText(Out));
    }

    [Fact]
    public void TheFilesystemRoot_IsRefused()
    {
        var error = Assert.Throws<IOException>(() => OutputFolder.Open("/"));

        Assert.Contains("is the filesystem root", error.Message);
    }

    [Fact]
    public void ASecondOpenOfTheSameFolder_WaitsForTheFirst()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Out)!);
        using var first = OutputFolder.Open(Out);

        var error = Assert.Throws<IOException>(() => FileLock.Acquire(Path.GetDirectoryName(Out)!, "the test folder", directory: true, timeout: TimeSpan.FromMilliseconds(200)));

        Assert.Contains("another process has held the lock", error.Message);
    }
}
