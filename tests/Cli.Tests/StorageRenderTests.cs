using Xunit;

namespace Ipfs.Cli.Tests;

/// <summary>
/// `render` judges volume changes against the previous render in its output folder: growth is
/// reported as an in-place expansion, shrinking and class changes fail before anything is written.
/// </summary>
public sealed class StorageRenderTests : IDisposable
{
    private readonly TempRenderProject _project = new("render-storage-");

    public void Dispose() => _project.Dispose();

    private string OutFile(string name) => _project.OutFile("prod", name);

    private (int Exit, string Stdout, string Stderr) Render(params string[] storageLines) =>
        _project.Render("prod", "config:\n  ipfs-infra:profile: prod\n" +
            (storageLines.Length == 0 ? "" : "  ipfs-infra:storage:\n" + string.Concat(storageLines.Select(l => "    " + l + "\n"))));

    [Fact]
    public void GrowingAfterAPreviousRender_IsReportedAsAnInPlaceExpansion()
    {
        Assert.Equal(0, Render().Exit);

        var (exit, stdout, stderr) = Render("dataSize: 200Gi");

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Contains("storage: data-ipfs-0, data-ipfs-1 and data-ipfs-2 grow from 100Gi to 200Gi (in-place volume expansion)", stdout);
        Assert.Contains("storage: 200Gi", File.ReadAllText(OutFile("storage.yaml")));
    }

    [Fact]
    public void ShrinkingOrChangingTheClass_FailsListingBothAndWritesNothing()
    {
        Assert.Equal(0, Render().Exit);
        var before = Directory.GetFiles(Path.Combine(_project.Root, "out", "prod")).ToDictionary(f => f, File.ReadAllText);

        var (exit, stdout, stderr) = Render("dataSize: 50Gi", "className: other-ssd");

        Assert.Equal(2, exit);
        Assert.Contains("(2 problems)", stderr);
        Assert.Contains("Pulumi.prod.yaml: ipfs-infra:storage.dataSize = 50Gi: would shrink data-ipfs-0, data-ipfs-1 and data-ipfs-2 from 100Gi to 50Gi", stderr);
        Assert.Contains("Pulumi.prod.yaml: ipfs-infra:storage.className = other-ssd: would move", stderr);
        Assert.Contains($"(deployed state: {OutFile("storage.yaml")})", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Rendered", stdout);
        Assert.Equal(before, Directory.GetFiles(Path.Combine(_project.Root, "out", "prod")).ToDictionary(f => f, File.ReadAllText));
    }

    [Fact]
    public void AcknowledgedRecreation_RendersAndSaysSo()
    {
        Assert.Equal(0, Render().Exit);

        var (exit, stdout, stderr) = Render("className: other-ssd", "migration:", "  recreateClaims: true");

        Assert.True(exit == 0, stderr);
        Assert.Contains("are re-created (fast-ssd 100Gi -> other-ssd 100Gi, empty): storage.migration.recreateClaims; remove it after this change", stdout);
    }

    [Fact]
    public void AFirstRenderIntoAFreshFolder_HasNothingToCompareWith()
    {
        var (exit, stdout, _) = Render("dataSize: 50Gi");

        Assert.Equal(0, exit);
        Assert.DoesNotContain("storage:", stdout);
    }
}
