using Xunit;

namespace Ipfs.Cli.Tests;

/// <summary>deploy.sh: prerequisites, confirmation, dry run, readiness and cluster-formed checks.</summary>
public class DeployScriptTests
{
    [Fact]
    public void HelpDescribesUsageAndExitsZero()
    {
        using var deploy = new DeployScriptHarness();
        var (exit, output, _) = deploy.Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("Usage: deploy.sh --stack NAME", output);
        Assert.Contains("--dry-run", output);
        Assert.Empty(deploy.Calls);
    }

    [Fact]
    public void MissingStackIsRefusedBeforeAnythingRuns()
    {
        using var deploy = new DeployScriptHarness();
        var (exit, _, error) = deploy.Run();
        Assert.NotEqual(0, exit);
        Assert.Contains("--stack is required", error);
        Assert.Empty(deploy.Calls);
    }

    [Fact]
    public void UnknownStackFileIsRefused()
    {
        using var deploy = new DeployScriptHarness();
        var (exit, _, error) = deploy.Run("--stack", "staging", "--yes");
        Assert.NotEqual(0, exit);
        Assert.Contains("no stack file Pulumi.staging.yaml", error);
    }

    [Fact]
    public void YesDeploysThenWaitsForReadinessAndVerifiesThePeerCount()
    {
        using var deploy = new DeployScriptHarness();
        var (exit, output, error) = deploy.Run("--stack", "dev", "--yes");
        Assert.True(exit == 0, error);
        var order = new[] { "pulumi whoami", "dotnet run --project Cli -- describe --stack dev", "kubectl config get-contexts kind-ipfs-dev",
            "pulumi stack select dev", "pulumi preview --diff --stack dev", "pulumi up --yes --skip-preview --stack dev",
            "kubectl --context kind-ipfs-dev -n ipfs-dev rollout status statefulset/ipfs", "kubectl --context kind-ipfs-dev -n ipfs-dev exec ipfs-0 -c cluster" };
        var positions = order.Select(o => deploy.Calls.ToList().FindIndex(c => c.StartsWith(o, StringComparison.Ordinal))).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("3 of 3 peers formed the cluster", output);
    }

    [Fact]
    public void WithoutYesAndWithoutATerminalItRefusesToDeploy()
    {
        using var deploy = new DeployScriptHarness();
        var (exit, _, error) = deploy.Run("--stack", "dev");
        Assert.NotEqual(0, exit);
        Assert.Contains("pass --yes", error);
        Assert.Contains(deploy.Calls, c => c.StartsWith("pulumi preview", StringComparison.Ordinal));
        Assert.DoesNotContain(deploy.Calls, c => c.StartsWith("pulumi up", StringComparison.Ordinal));
    }

    [Fact]
    public void DryRunPreviewsAndChangesNothing()
    {
        using var deploy = new DeployScriptHarness();
        var (exit, output, _) = deploy.Run("--stack", "dev", "--dry-run");
        Assert.Equal(0, exit);
        Assert.Contains("dry run: nothing deployed", output);
        Assert.Contains(deploy.Calls, c => c.StartsWith("pulumi preview", StringComparison.Ordinal));
        Assert.DoesNotContain(deploy.Calls, c => c.StartsWith("pulumi up", StringComparison.Ordinal) || c.Contains("rollout"));
    }

    [Theory]
    [InlineData("logged-out", "pulumi is not logged in")]
    [InlineData("no-context", "kube context 'kind-ipfs-dev' does not exist")]
    [InlineData("preview-fails", "pulumi preview failed")]
    [InlineData("up-fails", "pulumi up failed")]
    [InlineData("rollout-fails", "did not become ready")]
    public void StopsAtTheFirstFailureWithAClearMessage(string failure, string message)
    {
        using var deploy = new DeployScriptHarness();
        deploy.Break(failure);
        var (exit, _, error) = deploy.Run("--stack", "dev", "--yes", "--timeout", "5");
        Assert.NotEqual(0, exit);
        Assert.Contains(message, error);
        Assert.StartsWith("deploy: error:", error.Trim());
        if (failure is "logged-out" or "no-context" or "preview-fails")
            Assert.DoesNotContain(deploy.Calls, c => c.StartsWith("pulumi up", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingToolIsNamed()
    {
        using var deploy = new DeployScriptHarness();
        deploy.Remove("pulumi");
        var (exit, _, error) = deploy.Run("--stack", "dev", "--yes");
        Assert.NotEqual(0, exit);
        Assert.Contains("pulumi is not installed", error);
    }

    [Fact]
    public void FewerPeersThanConfiguredFailsAfterTheTimeout()
    {
        using var deploy = new DeployScriptHarness();
        deploy.PeersSeen = 2;
        var (exit, _, error) = deploy.Run("--stack", "dev", "--yes", "--timeout", "1");
        Assert.NotEqual(0, exit);
        Assert.Contains("reports 2 peers, expected 3", error);
    }

    [Fact]
    public void WithoutAConfiguredContextTheCurrentContextIsUsed()
    {
        using var deploy = new DeployScriptHarness();
        deploy.Facts = "STACK=dev\nNAMESPACE=ipfs-dev\nSTATEFULSET=ipfs\nPEERS=3\nKUBE_CONTEXT=\n";
        var (exit, _, error) = deploy.Run("--stack", "dev", "--yes");
        Assert.True(exit == 0, error);
        Assert.Contains(deploy.Calls, c => c.StartsWith("kubectl --context ambient-context -n ipfs-dev rollout", StringComparison.Ordinal));
    }
}
