using Xunit;

namespace Ipfs.Cli.Tests;

/// <summary>
/// `render` after a password rotation: the Secret changes and the StatefulSet's pod template
/// changes with it (so `kubectl apply` rolls the pods), in its Secrets digest and nowhere else.
/// </summary>
public sealed class RotationRenderTests : IDisposable
{
    private readonly TempRenderProject _project = new("render-rotation-");

    public void Dispose() => _project.Dispose();

    private string[] OutFile(string name) => File.ReadAllLines(_project.OutFile("dev", name));

    private string Render(int passwordGeneration)
    {
        var (exit, stdout, stderr) = _project.Render("dev",
            $"config:\n  ipfs-infra:profile: dev\n  ipfs-infra:restApi:\n    passwordGeneration: {passwordGeneration}\n");
        Assert.True(exit == 0, stderr);
        return stdout;
    }

    private static IReadOnlyList<string> Changed(string[] before, string[] after) =>
        before.Length != after.Length ? ["(line count differs)"] : before.Zip(after).Where(p => p.First != p.Second).Select(p => p.Second.Trim()).ToList();

    [Fact]
    public void RaisingThePasswordGenerationChangesTheSecretAndOnlyTheSecretsDigestOfThePodTemplate()
    {
        Render(0);
        var (nodeSet, secrets) = (OutFile("node-set.yaml"), OutFile("secrets.yaml"));

        var stdout = Render(1);

        Assert.Contains("rotated the REST API password", stdout);
        Assert.NotEmpty(Changed(secrets, OutFile("secrets.yaml")));
        var changed = Assert.Single(Changed(nodeSet, OutFile("node-set.yaml")));
        Assert.StartsWith("ipfs-infra/secrets-checksum: hmac-sha256:", changed, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderingAgainWithoutARotationLeavesThePodTemplateAlone()
    {
        Render(0);
        var nodeSet = OutFile("node-set.yaml");

        Render(0);

        Assert.Empty(Changed(nodeSet, OutFile("node-set.yaml")));
    }
}
