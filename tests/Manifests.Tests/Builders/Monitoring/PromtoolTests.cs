using Xunit;
using Xunit.Abstractions;

namespace Ipfs.Manifests.Tests.Builders.Monitoring;

/// <summary>
/// The alert rules under Prometheus' own tool: <c>promtool check rules</c> on the rule file the
/// builder produces, and <c>promtool test rules</c> with input series and expected alerts for
/// every alert, firing and not firing. Skipped with a visible notice where promtool is missing.
/// </summary>
public sealed class PromtoolTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("promtool-");

    public void Dispose() => _dir.Delete(recursive: true);

    public static TheoryData<string> Specs => MonitoringSpecs.All();

    private (int ExitCode, string Output) Run(params string[] args)
    {
        var result = Promtool.Run(_dir.FullName, args);
        output.WriteLine($"$ promtool {string.Join(' ', args)}\n{result.Output}");
        return result;
    }

    [SkippableTheory]
    [MemberData(nameof(Specs))]
    public void RuleFile_PassesPromtoolCheckRules(string name)
    {
        Promtool.RequireOrSkip();
        File.WriteAllText(Path.Combine(_dir.FullName, PromtoolFiles.RuleFile), PromtoolFiles.Rules(MonitoringSpecs.Get(name)));

        var (exitCode, text) = Run("check", "rules", PromtoolFiles.RuleFile);

        Assert.True(exitCode == 0, text);
        Assert.Contains("SUCCESS", text, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Specs))]
    public void EveryAlert_FiresAndStaysQuietAsExpected_UnderPromtoolTestRules(string name)
    {
        Promtool.RequireOrSkip();
        var spec = MonitoringSpecs.Get(name);
        File.WriteAllText(Path.Combine(_dir.FullName, PromtoolFiles.RuleFile), PromtoolFiles.Rules(spec));
        File.WriteAllText(Path.Combine(_dir.FullName, PromtoolFiles.TestFile), PromtoolFiles.Tests(spec));

        var (exitCode, text) = Run("test", "rules", PromtoolFiles.TestFile);

        Assert.True(exitCode == 0, text);
        Assert.Contains("SUCCESS", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void PromtoolTestRules_FailsWhenAThresholdDiffersFromTheScenarios()
    {
        // Guards the guard: rules built with another threshold than the scenarios expect must fail.
        Promtool.RequireOrSkip();
        var spec = MonitoringSpecs.Get("prod");
        var other = spec with { Monitoring = spec.Monitoring with { Rules = spec.Monitoring.Rules with { VolumeFullPercent = 95 } } };
        File.WriteAllText(Path.Combine(_dir.FullName, PromtoolFiles.RuleFile), PromtoolFiles.Rules(other));
        File.WriteAllText(Path.Combine(_dir.FullName, PromtoolFiles.TestFile), PromtoolFiles.Tests(spec));

        var (exitCode, text) = Run("test", "rules", PromtoolFiles.TestFile);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("IpfsVolumeAlmostFull", text, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Specs))]
    public void EveryDashboardQuery_IsValidPromQl(string name)
    {
        Promtool.RequireOrSkip();
        File.WriteAllText(Path.Combine(_dir.FullName, "dashboard.yaml"), PromtoolFiles.DashboardQueriesAsRules(MonitoringSpecs.Get(name)));

        var (exitCode, text) = Run("check", "rules", "dashboard.yaml");

        Assert.True(exitCode == 0, text);
    }
}
