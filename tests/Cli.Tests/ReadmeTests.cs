using Xunit;

namespace Ipfs.Cli.Tests;

/// <summary>The README is part of the product: its config reference and commands must match the code.</summary>
public class ReadmeTests
{
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml"))) return dir.FullName;
        throw new InvalidOperationException("Pulumi.yaml not found above the test binaries.");
    }

    [Fact]
    public void ConfigReferenceInTheReadmeIsExactlyWhatConfigReferencePrints()
    {
        var readme = File.ReadAllText(Path.Combine(Root(), "README.md"));
        const string start = "<!-- config-reference:start -->\n", end = "<!-- config-reference:end -->";
        var from = readme.IndexOf(start, StringComparison.Ordinal) + start.Length;
        var documented = readme[from..readme.IndexOf(end, StringComparison.Ordinal)];

        var stdout = new StringWriter();
        Assert.Equal(0, CliApp.Run(["config-reference"], stdout, new StringWriter()));
        Assert.Equal(stdout.ToString(), documented);
    }

    [Fact]
    public void ReadmeStartsWithTheRenderAndTestCommands()
    {
        var readme = File.ReadAllText(Path.Combine(Root(), "README.md"));
        var firstBlock = readme[readme.IndexOf("```sh", StringComparison.Ordinal)..];
        firstBlock = firstBlock[..firstBlock.IndexOf("```", 5, StringComparison.Ordinal)];
        Assert.Contains("dotnet run --project Cli -- render --stack dev", firstBlock);
        Assert.Contains("bash test.sh", firstBlock);
        Assert.Contains("bash test.sh", File.ReadAllText(Path.Combine(Root(), ".ci", "run")));
    }
}
