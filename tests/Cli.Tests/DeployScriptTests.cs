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
        Assert.Contains("3 of 3 peers formed the cluster, each seeing the other 2", output);
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

    [SkippableFact]
    public void DeployScriptPassesShellcheck()
    {
        var shellcheck = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "shellcheck")).FirstOrDefault(File.Exists);
        Skip.If(shellcheck is null, "NOTICE: shellcheck is not installed, so deploy.sh was NOT checked by it. Install the Debian package 'shellcheck' (.ci/run does).");
        var start = new System.Diagnostics.ProcessStartInfo(shellcheck!) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(DeployScriptHarness.ScriptPath);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, output.Result + error);
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
    public void FewerPeersThanConfiguredFailsAfterTheTimeout_NamingTheMissingPeer()
    {
        using var deploy = new DeployScriptHarness();
        deploy.Listing = DeployScriptHarness.Healthy(2, 1);
        var (exit, _, error) = deploy.Run("--stack", "dev", "--yes", "--timeout", "1");
        Assert.NotEqual(0, exit);
        Assert.Contains("0 of 3 peers healthy", error);
        Assert.Contains($"ipfs-2 ({DeployScriptHarness.ClusterId(2)}) (not listed)", error);
        Assert.Contains($"ipfs-0 ({DeployScriptHarness.ClusterId(0)}) (sees 1 of 2 other peers)", error);
    }

    [Fact]
    public void PeersInErrorAreNotCounted_AndEveryFailingPeerIsNamed()
    {
        // Real error lines: the RPC timeout of a peer that does not answer (Go's context error),
        // go-libp2p's dial error (p2p/net/swarm DialError, continued on indented lines) and the
        // IPFS error of a peer whose kubo refuses connections (Go's net/http client error).
        using var deploy = new DeployScriptHarness();
        deploy.Listing =
            DeployScriptHarness.Peer(0, 2) +
            $"{DeployScriptHarness.ClusterId(1)} | ERROR: context deadline exceeded\n" +
            $"{DeployScriptHarness.ClusterId(2)} | ERROR: failed to dial {DeployScriptHarness.ClusterId(2)}: all dials failed\n" +
            "  * [/ip4/10.0.0.12/tcp/9096] dial tcp4 10.0.0.12:9096: connect: connection refused\n";
        var (exit, output, error) = deploy.Run("--stack", "dev", "--yes", "--timeout", "1");

        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("formed the cluster", output);
        Assert.Contains("1 of 3 peers healthy", error);
        Assert.Contains($"  - ipfs-1 ({DeployScriptHarness.ClusterId(1)}) (ERROR: context deadline exceeded)\n", error);
        Assert.Contains($"  - ipfs-2 ({DeployScriptHarness.ClusterId(2)}) (ERROR: failed to dial {DeployScriptHarness.ClusterId(2)}: all dials failed)\n", error);
        Assert.DoesNotContain("not listed", error);
    }

    [Fact]
    public void APeerWhoseKuboDoesNotAnswerIsNotCounted()
    {
        using var deploy = new DeployScriptHarness();
        deploy.Listing = DeployScriptHarness.Peer(0, 2) + DeployScriptHarness.Peer(1, 2,
            "Post \"http://127.0.0.1:5001/api/v0/id\": dial tcp 127.0.0.1:5001: connect: connection refused") + DeployScriptHarness.Peer(2, 2);
        var (exit, _, error) = deploy.Run("--stack", "dev", "--yes", "--timeout", "1");
        Assert.NotEqual(0, exit);
        Assert.Contains("2 of 3 peers healthy", error);
        Assert.Contains($"ipfs-1 ({DeployScriptHarness.ClusterId(1)}) (its kubo: Post \"http://127.0.0.1:5001/api/v0/id\": dial tcp 127.0.0.1:5001: connect: connection refused)", error);
    }

    [Fact]
    public void AfterAScaleDownADepartedPeerStillListedInErrorIsANoteNotAFailure()
    {
        // Departed peers stay in the CRDT peerset until their ping metric expires, and every live
        // peer still counts them among the peers it sees.
        using var deploy = new DeployScriptHarness();
        deploy.Listing = DeployScriptHarness.Healthy(3, 3) + $"{DeployScriptHarness.ClusterId(3)} | ERROR: context deadline exceeded\n";
        var (exit, output, error) = deploy.Run("--stack", "dev", "--yes");
        Assert.True(exit == 0, error);
        Assert.Contains($"note: departed peer {DeployScriptHarness.ClusterId(3)} is still listed (ERROR: context deadline exceeded)", output);
        Assert.Contains("3 of 3 peers formed the cluster", output);
    }

    [Fact]
    public void APeerIdListThatDoesNotMatchThePeerCountIsRefused()
    {
        using var deploy = new DeployScriptHarness();
        deploy.PeerIds = DeployScriptHarness.PeerIdsJson(2);
        var (exit, _, error) = deploy.Run("--stack", "dev", "--yes");
        Assert.NotEqual(0, exit);
        Assert.Contains("the stack output clusterPeerIds holds 2 peer IDs, expected 3", error);
    }

    [Fact]
    public void WhenPod0CannotBeAskedAnotherPeerAnswers()
    {
        using var deploy = new DeployScriptHarness();
        deploy.ExecFails("ipfs-0");
        var (exit, output, error) = deploy.Run("--stack", "dev", "--yes");
        Assert.True(exit == 0, error);
        Assert.Contains(deploy.Calls, c => c.Contains(" exec ipfs-1 -c cluster", StringComparison.Ordinal));
        Assert.Contains("3 of 3 peers formed the cluster, each seeing the other 2", output);
    }

    [Fact]
    public void WhenNoPeerCanBeAskedTheLastKubectlErrorIsShown()
    {
        using var deploy = new DeployScriptHarness();
        foreach (var pod in new[] { "ipfs-0", "ipfs-1", "ipfs-2" }) deploy.ExecFails(pod);
        var (exit, _, error) = deploy.Run("--stack", "dev", "--yes", "--timeout", "1");
        Assert.NotEqual(0, exit);
        Assert.Contains("no peer's REST API answered: error: unable to upgrade connection", error);
    }

    [Theory]
    [InlineData("--stack=dev", "--yes", "--timeout=60")]
    [InlineData("--yes", "--timeout=60", "--stack=dev")]
    [InlineData("--stack", "dev", "--timeout", "60", "--yes")]
    public void EveryOptionTakesItsValueEitherWay(params string[] args)
    {
        using var deploy = new DeployScriptHarness();
        var (exit, _, error) = deploy.Run(args);
        Assert.True(exit == 0, error);
        Assert.Contains(deploy.Calls, c => c.Contains("rollout status statefulset/ipfs --timeout=60s", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("08")]
    [InlineData("0")]
    [InlineData("00")]
    [InlineData("-5")]
    [InlineData("1e3")]
    [InlineData("86401")]
    [InlineData("9223372036854775808")]
    [InlineData("99999999999999999999999")]
    [InlineData("")]
    public void ABadTimeoutIsRefusedBeforeAnythingRuns(string timeout)
    {
        using var deploy = new DeployScriptHarness();
        var (exit, _, error) = deploy.Run("--stack=dev", "--yes", $"--timeout={timeout}");
        Assert.NotEqual(0, exit);
        Assert.Contains($"--timeout must be a whole number from 1 to 86400 without leading zeros, got '{timeout}'", error);
        Assert.Empty(deploy.Calls);
    }

    [Theory]
    [InlineData("--yes=true", "--yes takes no value")]
    [InlineData("--dry-run=1", "--dry-run takes no value")]
    [InlineData("--stack=", "--stack needs a value")]
    public void FlagsWithValuesAndEmptyValuesAreRefused(string arg, string message)
    {
        using var deploy = new DeployScriptHarness();
        var (exit, _, error) = deploy.Run("--stack=dev", arg);
        Assert.NotEqual(0, exit);
        Assert.Contains(message, error);
        Assert.Empty(deploy.Calls);
    }

    [Fact]
    public void ABadPeerCountFromTheStackDescriptionIsRefused()
    {
        using var deploy = new DeployScriptHarness();
        deploy.Facts = "STACK=dev\nNAMESPACE=ipfs-dev\nSTATEFULSET=ipfs\nPEERS=03\nKUBE_CONTEXT=kind-ipfs-dev\n";
        var (exit, _, error) = deploy.Run("--stack", "dev", "--yes");
        Assert.NotEqual(0, exit);
        Assert.Contains("no valid peer count (PEERS='03')", error);
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
