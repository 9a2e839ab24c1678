using Ipfs.Manifests.Config;
using Ipfs.Manifests.Spec;
using k8s.Models;
using Xunit;
using static Ipfs.Manifests.Tests.Builders.Network.NetworkScenarios;

namespace Ipfs.Manifests.Tests.Builders.Network;

/// <summary>
/// monitoring.prometheusPodSelector: which pods of monitoring.namespace reach the metrics ports (kubo's
/// 5001 also serves its RPC). The default fits kube-prometheus-stack; a selector that would admit the
/// whole namespace, or that is no label set, is refused.
/// </summary>
public sealed class PrometheusPodSelectorTests : IDisposable
{
    private const string FileName = "Pulumi.metrics.yaml";
    private readonly TempStackFile _stackFile = new(FileName);

    public void Dispose() => _stackFile.Dispose();

    private static string Stack(string profile, params string[] monitoringLines) =>
        $"config:\n  ipfs-infra:profile: {profile}\n  ipfs-infra:monitoring:\n" + string.Concat(monitoringLines.Select(l => "    " + l + "\n"));

    [Fact]
    public void TheDefaultSelectsThePrometheusPodsPrometheusOperatorRuns()
    {
        foreach (var spec in new[] { TestSpecs.Dev, TestSpecs.Prod })
        {
            Assert.Equal(new Dictionary<string, string> { ["app.kubernetes.io/name"] = "prometheus" }, spec.Monitoring.PrometheusPodSelector);
            Assert.True(NetworkPolicyEvaluator.Matches(new V1LabelSelector { MatchLabels = spec.Monitoring.PrometheusPodSelector.ToDictionary() }, PrometheusPodLabels));
        }
    }

    [Fact]
    public void TheSelectorIsReadFromTheStackFileAndEndsUpInTheMetricsPolicy()
    {
        var spec = _stackFile.Load(Stack("prod", "prometheusPodSelector:", "  app.kubernetes.io/name: prometheus", "  prometheus: main"));
        var policy = Objects(spec).OfType<V1NetworkPolicy>().Single(p => p.Metadata.Name == "ipfs-allow-metrics");

        var from = Assert.Single(Assert.Single(policy.Spec.Ingress).FromProperty);
        Assert.Equal(new Dictionary<string, string> { ["app.kubernetes.io/name"] = "prometheus", ["prometheus"] = "main" }, from.PodSelector.MatchLabels);
        Assert.Equal(new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "monitoring" }, from.NamespaceSelector.MatchLabels);
    }

    public static TheoryData<string, string, string[]> BadSelectors => new()
    {
        { "empty while monitoring is on", Stack("prod", "prometheusPodSelector: {}"),
            [$"{FileName}: ipfs-infra:monitoring.prometheusPodSelector = {{}}: must hold at least one label while monitoring.enabled is true"] },
        { "a bad label key", Stack("prod", "prometheusPodSelector:", "  'bad key': prometheus"),
            [$"{FileName}: ipfs-infra:monitoring.prometheusPodSelector", "label key 'bad key' must be at most 63"] },
        { "a bad label value", Stack("prod", "prometheusPodSelector:", "  app.kubernetes.io/name: 'not/a value'"),
            [$"{FileName}: ipfs-infra:monitoring.prometheusPodSelector", "of 'app.kubernetes.io/name' must be empty or at most 63"] },
        { "a list", Stack("prod", "prometheusPodSelector: [prometheus]"), [$"{FileName}: ipfs-infra:monitoring.prometheusPodSelector"] },
    };

    [Theory]
    [MemberData(nameof(BadSelectors))]
    public void ABadSelectorIsRefusedNamingFileKeyValueAndWhy(string because, string yaml, string[] expected)
    {
        var error = Assert.Throws<ConfigValidationException>(() => _stackFile.Load(yaml));

        Assert.Equal(["ipfs-infra:monitoring.prometheusPodSelector"], error.Problems.Select(p => p.Key));
        foreach (var text in expected)
            Assert.True(error.Message.Contains(text, StringComparison.Ordinal), $"{because}: expected \"{text}\" in:\n{error.Message}");
    }

    [Fact]
    public void AnEmptySelectorIsAcceptedWhileMonitoringIsOff()
    {
        var spec = _stackFile.Load(Stack("dev", "prometheusPodSelector: {}"));

        Assert.Empty(spec.Monitoring.PrometheusPodSelector);
        Assert.DoesNotContain(Objects(spec).OfType<V1NetworkPolicy>(), p => p.Metadata.Name == "ipfs-allow-metrics");
    }

    [Fact]
    public void TheConfigReferenceDocumentsTheSelectorWithItsDefault() =>
        Assert.Contains("| `ipfs-infra:monitoring.prometheusPodSelector` | map of Kubernetes labels (key: value) | `{app.kubernetes.io/name: prometheus}` | `{app.kubernetes.io/name: prometheus}` |",
            ConfigReference.Markdown(), StringComparison.Ordinal);
}
