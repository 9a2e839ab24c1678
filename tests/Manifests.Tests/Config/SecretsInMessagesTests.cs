using System.Text.Json.Nodes;
using Ipfs.Manifests.Config;
using Xunit;

namespace Ipfs.Manifests.Tests.Config;

/// <summary>
/// A key that may hold a secret (kubeconfig, anything under <c>secure:</c>, a Pulumi secret) is
/// named in every message about it, but its value never appears, whatever its YAML shape.
/// </summary>
public sealed class SecretsInMessagesTests : IDisposable
{
    private const string Secret = "S3cr3t-T0k3n-4f9e";
    private readonly TempStackFile _stackFile = new("Pulumi.test.yaml");

    public void Dispose() => _stackFile.Dispose();

    private static string Stack(params string[] lines) =>
        "config:\n  ipfs-infra:profile: dev\n" + string.Concat(lines.Select(l => "  " + l + "\n"));

    public static TheoryData<string, string, string> SecretsInStackFiles => new()
    {
        // shape: text
        { "kubeconfig text one level too high", Stack($"ipfs-infra:kubernetes: \"{Secret}\""), "ipfs-infra:kubernetes" },
        { "kubeconfig text under a misspelt key", Stack("ipfs-infra:kubernetes:", $"  kubeconfg: \"{Secret}\""), "ipfs-infra:kubernetes.kubeconfg" },
        { "kubeconfig text as a top-level key", Stack($"ipfs-infra:kubeconfig: {Secret}"), "ipfs-infra:kubeconfig" },
        { "kubeconfig block text under an unknown key", Stack("ipfs-infra:kubernetes:", "  config: |", "    apiVersion: v1", $"    token: {Secret}"), "ipfs-infra:kubernetes.config" },
        { "secure text on a key that may not be secret", Stack("ipfs-infra:restApi:", "  user:", $"    secure: v1:{Secret}"), "ipfs-infra:restApi.user" },
        { "secure text under an unknown key", Stack("ipfs-infra:colour:", $"  secure: v1:{Secret}"), "ipfs-infra:colour" },
        // shape: map
        { "kubeconfig as a map", Stack("ipfs-infra:kubernetes:", "  kubeconfig:", "    apiVersion: v1", "    users:", "      - name: ci", "        user:", $"          token: {Secret}"), "ipfs-infra:kubernetes.kubeconfig" },
        { "kubeconfig map in the context key", Stack("ipfs-infra:kubernetes:", "  context:", $"    token: {Secret}"), "ipfs-infra:kubernetes.context" },
        { "secure map", Stack("ipfs-infra:restApi:", "  user:", "    secure:", $"      ciphertext: {Secret}"), "ipfs-infra:restApi.user" },
        { "credential map under an unknown key", Stack("ipfs-infra:extra:", $"  password: {Secret}"), "ipfs-infra:extra" },
        // shape: list
        { "kubeconfig as a list", Stack("ipfs-infra:kubernetes:", $"  kubeconfig: [{Secret}]"), "ipfs-infra:kubernetes.kubeconfig" },
        { "kubernetes as a list", Stack($"ipfs-infra:kubernetes: [{Secret}]"), "ipfs-infra:kubernetes" },
        { "secure item in a list", Stack("ipfs-infra:network:", "  clusterCidrs:", $"    - secure: v1:{Secret}"), "ipfs-infra:network.clusterCidrs" },
        // shape: nested
        { "kubeconfig nested maps and lists", Stack("ipfs-infra:kubernetes:", "  kubeconfig:", "    a:", "      b:", $"        - c: [{Secret}]"), "ipfs-infra:kubernetes.kubeconfig" },
        { "secure deep in a label map", Stack("ipfs-infra:monitoring:", "  prometheusLabels:", "    release:", $"      secure: v1:{Secret}"), "ipfs-infra:monitoring.prometheusLabels" },
        { "secure deep under an unknown nested key", Stack("ipfs-infra:storage:", "  extra:", "    deep:", $"      - secure: v1:{Secret}"), "ipfs-infra:storage.extra" },
        { "kubeconfig set twice", Stack("ipfs-infra:kubernetes:", $"  kubeconfig: {Secret}", $"  kubeconfig: {Secret}x"), "ipfs-infra:kubernetes.kubeconfig" },
    };

    [Theory]
    [MemberData(nameof(SecretsInStackFiles))]
    public void SecretInStackFile_IsNamedButNeverPrinted(string because, string yaml, string key)
    {
        var error = Assert.Throws<ConfigValidationException>(() => _stackFile.Load(yaml));

        Assert.True(error.Problems.Any(p => p.Key == key), $"{because}: {key} not named in:\n{error.Message}");
        Assert.False(error.Message.Contains(Secret, StringComparison.Ordinal), $"{because}: the secret is printed in:\n{error.Message}");
        Assert.DoesNotContain(error.Problems, p => (p.Value ?? "").Contains(Secret, StringComparison.Ordinal) || p.Message.Contains(Secret, StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> PulumiSecrets => new()
    {
        { "text", "kubernetes", $"\"{Secret}\"" },
        { "map", "kubernetes", $"{{\"kubeconfig\": {{\"users\": [{{\"token\": \"{Secret}\"}}]}}}}" },
        { "list", "kubernetes", $"[\"{Secret}\"]" },
        { "nested", "kubernetes", $"{{\"context\": {{\"a\": [{{\"b\": \"{Secret}\"}}]}}}}" },
        { "unknown nested key", "kubernetes", $"{{\"contxt\": \"{Secret}\"}}" },
        { "key that may not be secret", "restApi", $"{{\"user\": \"{Secret}\"}}" },
    };

    [Theory]
    [MemberData(nameof(PulumiSecrets))]
    public void PulumiSecret_IsNamedButNeverPrinted(string shape, string key, string json)
    {
        var config = new StackConfig("Pulumi config",
            new Dictionary<string, JsonNode?> { ["profile"] = "dev", [key] = JsonNode.Parse(json) },
            new HashSet<string> { key });

        var error = Assert.Throws<ConfigValidationException>(() => ClusterSpecLoader.Load(config));

        Assert.Contains(error.Problems, p => p.Key.StartsWith(StackConfig.KeyOf(key), StringComparison.Ordinal));
        Assert.False(error.Message.Contains(Secret, StringComparison.Ordinal), $"{shape}: the secret is printed in:\n{error.Message}");
    }

    [Fact]
    public void PlainValueOfAKnownNonSecretKey_IsStillPrinted()
    {
        var error = Assert.Throws<ConfigValidationException>(() => _stackFile.Load(Stack("ipfs-infra:kubernetes:", "  context: ''", "ipfs-infra:peers: many")));

        Assert.Contains("ipfs-infra:peers = many", error.Message);
        Assert.Contains("ipfs-infra:kubernetes.context = : must be a non-empty string", error.Message);
    }
}
