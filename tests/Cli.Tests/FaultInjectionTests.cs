using System.Collections.Concurrent;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace Ipfs.Cli.Tests;

/// <summary>
/// Renders of the built CLI under <c>strace -e inject=…</c>: at the N-th call of every file write,
/// fsync, rename, unlink, rmdir and mkdir of one render, the call fails (ENOSPC, EIO, EXDEV, EINVAL…)
/// or the process is killed there (SIGKILL). After each, the output folder is exactly the previous
/// complete render or the new one, the material file is absent or complete (never a second one),
/// and whatever a killed render left behind is gone after the next render.
/// File contents go through pwrite64 (.NET's FileStream on a regular file). Every point is
/// injected when IPFS_INFRA_FAULT_STRIDE=1; by default every third point of each
/// system call (always its first and last), to keep CI short.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class FaultInjectionTests(ITestOutputHelper log)
{
    private const string MissingStrace = "strace is not installed (Debian package strace); the fault-injection tests are SKIPPED";

    /// <summary>A system call and how it is made to fail.</summary>
    private static readonly (string Syscall, string[] Actions)[] Faults =
    [
        ("pwrite64", ["error=ENOSPC", "signal=KILL"]),
        // write(2) is the runtime's too (stdout, thread names, internal pipes): killed there only.
        // A full stdout is its own test below.
        ("write", ["signal=KILL"]),
        ("fsync", ["error=EIO", "signal=KILL"]),
        ("rename", ["error=EXDEV", "signal=KILL"]),
        ("renameat2", ["error=EINVAL", "error=EXDEV", "signal=KILL"]),
        ("unlink", ["error=EBUSY", "signal=KILL"]),
        ("rmdir", ["error=EBUSY", "signal=KILL"]),
        ("mkdir", ["error=ENOSPC", "signal=KILL"]),
    ];

    private sealed record Point(string Syscall, int When, string Action)
    {
        public override string ToString() => $"{Syscall}:{Action}:when={When}";
    }

    private static int Stride => int.TryParse(Environment.GetEnvironmentVariable("IPFS_INFRA_FAULT_STRIDE"), out var stride) && stride > 0 ? stride : 3;

    private static IReadOnlyList<string> Render(string project) => ["render", "--stack", "dev", "--project", project];

    private static CliProcess.Result InProcess(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return new CliProcess.Result(exit, stdout.ToString(), stderr.ToString());
    }

    [SkippableFact]
    public void ReplacingARender_LeavesThePreviousOrTheNewRenderAtEveryFaultPoint()
    {
        Skip.If(CliProcess.Strace is null, MissingStrace);
        using var template = new TestProject("fault-replace-");
        Assert.Equal(0, InProcess([.. Render(template.Root)]).Exit);
        var previous = TestProject.Snapshot(template.PathOf("out", "dev"));
        var material = File.ReadAllBytes(template.Material);
        File.AppendAllText(template.PathOf("Pulumi.dev.yaml"), "  ipfs-infra:peers: 5\n");
        var next = Expected(template);

        var injected = Inject(template, (point, work, result) =>
        {
            var output = TestProject.Snapshot(Path.Combine(work.Root, "out", "dev"));
            var isPrevious = TestProject.Same(output, previous);
            var isNext = TestProject.Same(output, next);
            Assert.True(isPrevious || isNext, $"{point}: out/dev is neither the previous nor the new render: {string.Join(", ", output.Keys)}");
            Assert.True(result.Exit != 0 || isNext, $"{point}: exit 0 but out/dev is the previous render");
            Assert.Equal(material, File.ReadAllBytes(work.Material));
            return () =>
            {
                Assert.True(TestProject.Same(TestProject.Snapshot(Path.Combine(work.Root, "out", "dev")), next), $"{point}: the render after the fault did not give the new render");
                Assert.Equal(material, File.ReadAllBytes(work.Material));
            };
        });
        log.WriteLine($"replacing a render: {injected}");
    }

    [SkippableFact]
    public void AFirstRender_LeavesNoMaterialOrOneCompleteMaterialAtEveryFaultPoint()
    {
        Skip.If(CliProcess.Strace is null, MissingStrace);
        using var template = new TestProject("fault-first-");

        var injected = Inject(template, (point, work, result) =>
        {
            var output = Path.Combine(work.Root, "out", "dev");
            byte[]? material = null;
            if (File.Exists(work.Material))
            {
                material = File.ReadAllBytes(work.Material);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(work.Material));
                Assert.Matches("^[0-9a-f]{64}$", JsonNode.Parse(material)!["clusterSecret"]!.GetValue<string>());
            }
            var rendered = TestProject.Snapshot(output);
            if (result.Exit == 0) Assert.True(material is not null && rendered.Count > 0, $"{point}: exit 0 without material and output");
            if (rendered.Count > 0)
            {
                Assert.True(material is not null, $"{point}: an output without material");
                Assert.True(TestProject.Same(rendered, Expected(work)), $"{point}: out/dev is not the complete render of the material on disk");
            }
            return () =>
            {
                if (material is not null) Assert.Equal(material, File.ReadAllBytes(work.Material)); // never regenerated
                Assert.True(TestProject.Same(TestProject.Snapshot(output), Expected(work)), $"{point}: the render after the fault is not complete");
            };
        });
        log.WriteLine($"a first render: {injected}");
    }

    [Fact]
    public void AFullStandardOutput_FailsWithOneMessageAfterACompleteRender()
    {
        using var project = new TestProject("fault-stdout-");

        var result = CliProcess.Run([.. Render(project.Root)], ["/bin/sh", "-c", "exec \"$0\" \"$@\" > /dev/full"]);

        Assert.Equal(1, result.Exit);
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.True(TestProject.Same(TestProject.Snapshot(project.PathOf("out", "dev")), Expected(project)));
    }

    /// <summary>What a clean render of <paramref name="project"/>'s current stack and material gives (rendered elsewhere).</summary>
    private static SortedDictionary<string, byte[]> Expected(TestProject project)
    {
        var reference = Path.Combine(Directory.CreateTempSubdirectory("fault-expected-").FullName, "dev");
        try
        {
            Assert.Equal(0, InProcess([.. Render(project.Root), "--out", reference]).Exit);
            return TestProject.Snapshot(reference);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(reference)!, recursive: true);
        }
    }

    /// <summary>
    /// Injects every (sampled) fault point into a render of a copy of <paramref name="template"/>;
    /// <paramref name="check"/> judges the state it left and returns the check for after a clean
    /// render, which runs whenever the fault left anything beside the output folder or the material.
    /// </summary>
    private string Inject(TestProject template, Func<Point, TestProject, CliProcess.Result, Action> check)
    {
        var points = Points(template);
        var failures = new ConcurrentQueue<string>();
        Parallel.ForEach(points, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) }, point =>
        {
            using var work = Copy(template);
            try
            {
                var result = CliProcess.Run(Render(work.Root),
                    [CliProcess.Strace!, "-f", "-qq", "-o", "/dev/null", "--seccomp-bpf", "-e", $"trace={point.Syscall}", "-e", $"inject={point}"]);
                Assert.DoesNotContain("   at ", result.Stderr);
                if (result.Exit != 0 && result.Exit != 137 && point.Syscall != "write")
                    Assert.True(result.Stderr.Trim().Length > 0, $"{point}: exit {result.Exit} without a message");
                var afterCleanRender = check(point, work, result);
                var leftovers = Leftovers(work);
                if (leftovers.Count == 0) return;
                Assert.True(result.Exit != 0, $"{point}: a successful render left {string.Join(", ", leftovers)}");
                var clean = InProcess([.. Render(work.Root)]);
                Assert.True(clean.Exit == 0, $"{point}: the render after the fault failed: {clean.Stderr}");
                Assert.Empty(Leftovers(work));
                afterCleanRender();
            }
            catch (Exception e)
            {
                failures.Enqueue($"{point}: {e.Message}");
            }
        });
        Assert.True(failures.IsEmpty, string.Join("\n", failures));
        return $"{points.Count} faults injected, {points.Count(p => p.Action == "signal=KILL")} of them kills (stride {Stride}): " +
               string.Join("; ", points.GroupBy(p => p.Syscall).Select(g =>
                   $"{g.Key} call {string.Join(",", g.Select(p => p.When).Distinct())} x {string.Join("/", g.Select(p => p.Action).Distinct())}"));
    }

    /// <summary>Every place a render of the template makes each system call, per thread (strace counts per thread), sampled by <see cref="Stride"/>.</summary>
    private static List<Point> Points(TestProject template)
    {
        using var work = Copy(template);
        var trace = Path.Combine(work.Root, "..", Path.GetFileName(work.Root) + ".strace");
        try
        {
            var result = CliProcess.Run(Render(work.Root),
                [CliProcess.Strace!, "-f", "-qq", "--seccomp-bpf", "-o", trace, "-e", "trace=" + string.Join(',', Faults.Select(f => f.Syscall))]);
            Assert.True(result.Exit == 0, result.Stderr);
            var calls = File.ReadLines(trace)
                .Select(line => TraceLine().Match(line))
                .Where(m => m.Success)
                .GroupBy(m => (Thread: m.Groups[1].Value, Syscall: m.Groups[2].Value))
                .GroupBy(g => g.Key.Syscall, g => g.Count())
                .ToDictionary(g => g.Key, g => g.Max());
            var points = new List<Point>();
            foreach (var (syscall, actions) in Faults)
            {
                var count = calls.GetValueOrDefault(syscall);
                var sampled = Enumerable.Range(1, count).Where(n => n == 1 || n == count || (n - 1) % Stride == 0);
                points.AddRange(sampled.SelectMany(n => actions.Select(action => new Point(syscall, n, action))));
            }
            Assert.Contains(points, p => p.Syscall == "renameat2");
            Assert.Contains(points, p => p.Syscall == "fsync");
            return points;
        }
        finally
        {
            File.Delete(trace);
        }
    }

    /// <summary>Anything in out/ or .material/ besides the output folder and the material file.</summary>
    private static List<string> Leftovers(TestProject work) =>
        new[] { (Folder: "out", Keep: "dev"), (Folder: ".material", Keep: "dev.json") }
            .Where(f => Directory.Exists(work.PathOf(f.Folder)))
            .SelectMany(f => Directory.EnumerateFileSystemEntries(work.PathOf(f.Folder)).Where(e => Path.GetFileName(e) != f.Keep))
            .ToList();

    private static TestProject Copy(TestProject template)
    {
        var copy = new TestProject("fault-work-");
        var result = System.Diagnostics.Process.Start("cp", ["-a", template.Root + "/.", copy.Root])!;
        result.WaitForExit();
        Assert.Equal(0, result.ExitCode);
        return copy;
    }

    [GeneratedRegex(@"^(\d+) +([a-z0-9_]+)\(")]
    private static partial Regex TraceLine();
}
