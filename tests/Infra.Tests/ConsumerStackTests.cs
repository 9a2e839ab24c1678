using Example.ConsumerStack;
using Pulumi;
using Xunit;

namespace Ipfs.Infra.Tests;

/// <summary>The components work from another team's program: own provider, namespace and size.</summary>
public class ConsumerStackTests
{
    [Fact]
    public async Task ExampleConsumerStackCreatesAClusterOnItsOwnProviderAndNamespace()
    {
        var mocks = new RecordingMocks();
        var (_, outputs) = await Deployment.TestAsync(mocks, StackRun.Options(stack: "team"), TeamStack.Create);

        var provider = Assert.Single(mocks.OfType("pulumi:providers:kubernetes"));
        Assert.Equal("team-prod", provider.Inputs["context"]);
        Assert.Single(mocks.OfType("ipfs:index:IpfsCluster"));
        Assert.Equal("media-ipfs", mocks.OfType("kubernetes:core/v1:Namespace").Single().Name);
        var statefulSet = mocks.OfType("kubernetes:apps/v1:StatefulSet").Single();
        Assert.Equal("media-ipfs/media", statefulSet.Name);
        Assert.Equal(5.0, StackRun.ToJson(statefulSet.Inputs)["spec"]!["replicas"]!.GetValue<double>());
        Assert.True(await Output.IsSecretAsync((Output<string>)outputs["restApiPassword"]!));
    }

    [Fact]
    public async Task ASpecFromCodeThatBreaksACrossKeyRuleRegistersNothing()
    {
        var mocks = new RecordingMocks();
        var spec = Manifests.Config.ClusterSpecDefaults.For(Manifests.Config.Profile.Prod) with { Peers = 1 };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(mocks, StackRun.Options(),
            () => new Components.IpfsCluster("bad", Components.IpfsClusterArgs.FromSpec(spec))));

        Assert.Contains("ipfs-infra:peers = 1", error.ToString());
        Assert.DoesNotContain(mocks.Registrations, r => r.Type.StartsWith("kubernetes:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadArgsFailTheRunNamingEachInputAndRegisterNothing()
    {
        var mocks = new RecordingMocks();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(mocks, StackRun.Options(),
            () => new Components.IpfsCluster("bad", new Components.IpfsClusterArgs
            {
                Profile = "prod",
                Peers = 1,
                Network = new Components.NetworkArgs { Exposure = "everywhere" },
            })));

        Assert.Contains("IpfsCluster \"bad\": args.peers = 1: must be at least 3 under the prod profile", error.ToString());
        Assert.Contains("IpfsCluster \"bad\": args.network.exposure = everywhere: ", error.ToString());
        Assert.Empty(mocks.Registrations);
    }
}
