using System.Diagnostics;
using Ipfs.Manifests.Scripts;
using Ipfs.Manifests.Tests.Builders.Network;
using k8s.Models;
using Xunit;

namespace Ipfs.Manifests.Tests.Scripts;

/// <summary>
/// shellcheck (Debian package <c>shellcheck</c>, installed by .ci/run) on every shell script as the
/// rendered ConfigMaps carry it, as POSIX sh. Skipped with a visible notice where shellcheck is missing.
/// </summary>
public class ShellcheckTests
{
    private static readonly string? Shellcheck = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "shellcheck"))
        .FirstOrDefault(File.Exists);

    private const string MissingNotice =
        "NOTICE: shellcheck is not installed, so the pod scripts were NOT linted. Install the Debian package 'shellcheck' (.ci/run does) to run these tests.";

    /// <summary>Every rendered ConfigMap's shell scripts, by "ConfigMap/key", over the network scenarios (which cover every exposure and mode).</summary>
    private static Dictionary<string, string> RenderedScripts()
    {
        var scripts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var scenario in NetworkScenarios.Names)
            foreach (var map in NetworkScenarios.Objects(NetworkScenarios.For(scenario)).OfType<V1ConfigMap>())
                foreach (var (key, text) in map.Data ?? new Dictionary<string, string>())
                    if (key.EndsWith(".sh", StringComparison.Ordinal))
                        scripts.TryAdd($"{map.Metadata.Name}/{key}", text);
        return scripts;
    }

    [Fact]
    public void EveryEmbeddedScriptShipsUnchangedInARenderedConfigMap()
    {
        var rendered = RenderedScripts().Values.ToHashSet(StringComparer.Ordinal);
        Assert.All(PodScripts.Names.Where(n => n.EndsWith(".sh", StringComparison.Ordinal)), name => Assert.Contains(PodScripts.Read(name), rendered));
    }

    [SkippableFact]
    public void ShellcheckPassesOnEveryRenderedScript()
    {
        Skip.If(Shellcheck is null, MissingNotice);
        var folder = Directory.CreateTempSubdirectory("ipfs-shellcheck-").FullName;
        try
        {
            var findings = new List<string>();
            foreach (var (name, text) in RenderedScripts())
            {
                var file = Path.Combine(folder, name.Replace('/', '_'));
                File.WriteAllText(file, text);
                var start = new ProcessStartInfo(Shellcheck!) { RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var arg in new[] { "--shell=sh", "--severity=style", file }) start.ArgumentList.Add(arg);
                using var process = Process.Start(start)!;
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0) findings.Add($"{name}:\n{output.Result}{error}");
            }
            Assert.True(findings.Count == 0, string.Join("\n", findings));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
