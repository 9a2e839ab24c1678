using System.Text.Json.Nodes;
using Xunit;
using Xunit.Abstractions;

namespace Ipfs.Cli.Tests;

/// <summary>
/// First renders of one stack started at once (a CI matrix, <c>make -j</c>), as real processes of the
/// built CLI: exactly one creates the material, every other waits for it and uses it, so every
/// successful output carries the secrets of the one material file left on disk.
/// </summary>
public sealed class ConcurrentRenderTests(ITestOutputHelper log)
{
    private const int Rounds = 10;
    private const int Processes = 8;

    /// <summary>The same command in this process: the reference the processes' outputs are compared with.</summary>
    private static CliProcess.Result InProcess(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return new CliProcess.Result(exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void SimultaneousFirstRenders_AllUseTheOneMaterialFileLeftOnDisk()
    {
        var generated = 0;
        for (var round = 0; round < Rounds; round++)
        {
            using var project = new TestProject("concurrent-render-");
            var outputs = Enumerable.Range(0, Processes).Select(i => project.PathOf("out", $"p{i}")).ToList();
            var results = outputs
                .Select(output => CliProcess.Start(["render", "--stack", "dev", "--project", project.Root, "--out", output]))
                .ToList()
                .Select(CliProcess.Finish)
                .ToList();

            foreach (var result in results)
                Assert.True(result.Exit == 0, $"round {round}: a render failed (exit {result.Exit}): {result.Stderr}");
            generated += results.Count(r => r.Stdout.Contains("material: generated", StringComparison.Ordinal));
            Assert.Equal(round + 1, generated);

            var material = JsonNode.Parse(File.ReadAllText(project.Material))!;
            var reference = InProcess(["render", "--stack", "dev", "--project", project.Root, "--out", project.PathOf("out", "reference")]);
            Assert.Equal(0, reference.Exit);
            Assert.DoesNotContain("material:", reference.Stdout);
            var expected = File.ReadAllBytes(project.PathOf("out", "reference", "secrets.yaml"));
            var expectedText = File.ReadAllText(project.PathOf("out", "reference", "secrets.yaml"));
            Assert.Contains($"CLUSTER_SECRET: {material["clusterSecret"]!.GetValue<string>()}", expectedText);
            Assert.Contains(material["restApi"]!["password"]!.GetValue<string>(), expectedText);
            foreach (var output in outputs)
                Assert.True(expected.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(output, "secrets.yaml"))),
                    $"round {round}: {output}/secrets.yaml holds other secrets than the material file");
            Assert.Equal(["dev.json"], Directory.EnumerateFileSystemEntries(project.PathOf(".material")).Select(Path.GetFileName));
        }
        log.WriteLine($"{Rounds} rounds x {Processes} simultaneous first renders: every output matched the material file; material generated once per round");
    }

    [Fact]
    public void SimultaneousRendersIntoOneFolder_LeaveOneCompleteRenderAndNothingBesideIt()
    {
        for (var round = 0; round < 2; round++)
        {
            using var project = new TestProject("concurrent-folder-");
            var results = Enumerable.Range(0, Processes)
                .Select(_ => CliProcess.Start(["render", "--stack", "dev", "--project", project.Root]))
                .ToList()
                .Select(CliProcess.Finish)
                .ToList();

            foreach (var result in results)
                Assert.True(result.Exit == 0, $"round {round}: a render failed (exit {result.Exit}): {result.Stderr}");
            var reference = InProcess(["render", "--stack", "dev", "--project", project.Root, "--out", project.PathOf("reference")]);
            Assert.Equal(0, reference.Exit);
            Assert.True(TestProject.Same(TestProject.Snapshot(project.PathOf("reference")), TestProject.Snapshot(project.PathOf("out", "dev"))),
                $"round {round}: out/dev is not one complete render");
            Assert.Equal(["dev"], Directory.EnumerateFileSystemEntries(project.PathOf("out")).Select(Path.GetFileName));
        }
    }
}
