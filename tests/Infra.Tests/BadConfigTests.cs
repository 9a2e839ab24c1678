using System.Text.Json;
using Ipfs.Infra.Stacks;
using Moq;
using Pulumi;
using Pulumi.Testing;
using Xunit;

namespace Ipfs.Infra.Tests;

/// <summary>Tests that set PULUMI_CONFIG (process-wide) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConfigEnvironment
{
    public const string Name = "PULUMI_CONFIG environment";
}

/// <summary>Bad stack config fails the run with the validation message and registers nothing.</summary>
[Collection(ConfigEnvironment.Name)]
public class BadConfigTests
{
    private static async Task<Exception> RunWithConfig(Dictionary<string, string> config, Mock<IMocks> mocks)
    {
        var previous = Environment.GetEnvironmentVariable("PULUMI_CONFIG");
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(config));
        try
        {
            return await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(mocks.Object, StackRun.Options(stack: "prod"), StackProgram.Run));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", previous);
        }
    }

    private static string Messages(Exception e) => e is AggregateException a
        ? string.Join("\n", a.Flatten().InnerExceptions.Select(i => i.Message))
        : e.ToString();

    [Fact]
    public async Task InvalidConfigFailsTheRunNamingEveryBadKeyAndRegistersNoResource()
    {
        var mocks = new Mock<IMocks>();
        var error = await RunWithConfig(new()
        {
            ["ipfs-infra:profile"] = "prod",
            ["ipfs-infra:peers"] = "2",
            ["ipfs-infra:replicaton"] = "{\"min\": 2}",
            ["ipfs-infra:images"] = "{\"kubo\": \"ipfs/kubo:latest\"}",
        }, mocks);

        var message = Messages(error);
        Assert.Contains("Pulumi.prod.yaml: ipfs-infra:replicaton", message);
        Assert.Contains("did you mean ipfs-infra:replication", message);
        Assert.Contains("ipfs-infra:images.kubo = ipfs/kubo:latest", message);
        mocks.Verify(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()), Times.Never);
    }

    [Fact]
    public async Task KeyUnderAMisspeltNamespaceFailsTheRunWithTheOtherProblems()
    {
        var mocks = new Mock<IMocks>();
        var error = await RunWithConfig(new()
        {
            ["ipfs-infra:profile"] = "prod",
            ["ipfs-infr:peers"] = "5",
            ["ipfs-infra:namespace"] = "Bad_NS",
            ["kubernetes:namespace"] = "another-providers-key",
        }, mocks);

        var message = Messages(error);
        Assert.Contains("Invalid stack configuration (2 problems)", message);
        Assert.Contains("Pulumi.prod.yaml: ipfs-infr:peers: is in an unknown namespace and would be ignored; did you mean ipfs-infra:peers?", message);
        Assert.Contains("Pulumi.prod.yaml: ipfs-infra:namespace = Bad_NS", message);
        mocks.Verify(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()), Times.Never);
    }

    [Fact]
    public async Task CrossKeyRulesFailTheRunWithTheSameMessageAsRender()
    {
        var mocks = new Mock<IMocks>();
        var error = await RunWithConfig(new() { ["ipfs-infra:profile"] = "prod", ["ipfs-infra:peers"] = "2" }, mocks);

        Assert.Contains("Pulumi.prod.yaml: ipfs-infra:peers = 2: must be at least 3 under the prod profile", Messages(error));
        mocks.Verify(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()), Times.Never);
    }

    [Fact]
    public async Task StructuredConfigFromPulumiReachesTheSpec()
    {
        var mocks = new RecordingMocks();
        var previous = Environment.GetEnvironmentVariable("PULUMI_CONFIG");
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["ipfs-infra:profile"] = "dev",
            ["ipfs-infra:peers"] = "4",
            ["ipfs-infra:kubernetes"] = "{\"context\": \"kind-test\"}",
        }));
        try
        {
            await Deployment.TestAsync(mocks, StackRun.Options(stack: "dev"), StackProgram.Run);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", previous);
        }

        Assert.Equal("kind-test", Assert.Single(mocks.OfType("pulumi:providers:kubernetes")).Inputs["context"]);
        var statefulSet = Assert.Single(mocks.OfType("kubernetes:apps/v1:StatefulSet"));
        Assert.Equal(4.0, StackRun.ToJson(statefulSet.Inputs)["spec"]!["replicas"]!.GetValue<double>());
    }
}
