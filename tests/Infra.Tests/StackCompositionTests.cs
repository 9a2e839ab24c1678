using System.Collections.Immutable;
using Pulumi;
using Pulumi.Utilities;
using Xunit;

namespace Ipfs.Infra.Tests;

/// <summary>What the stack creates around the objects: provider, components, random material.</summary>
public class StackCompositionTests
{
    [Fact]
    public async Task ExplicitKubernetesProviderIsConfiguredFromTheStack()
    {
        var mocks = new RecordingMocks();
        await StackRun.Run(StackRun.StackFile("prod"), mocks);

        var provider = Assert.Single(mocks.OfType("pulumi:providers:kubernetes"));
        Assert.Equal("prod", provider.Inputs["context"]);
        Assert.Equal("ipfs", provider.Inputs["namespace"]);
    }

    [Fact]
    public async Task ComponentsUseTheirIndexTypeTokens()
    {
        var mocks = new RecordingMocks();
        await StackRun.Run(StackRun.StackFile("dev"), mocks);

        var types = mocks.Registrations.Select(r => r.Type).ToHashSet();
        Assert.Contains("ipfs:index:IpfsCluster", types);
        Assert.Contains("ipfs:index:ClusterSecrets", types);
        Assert.Contains("ipfs:index:IpfsNodeSet", types);
    }

    private static HashSet<string> RandomResources(RecordingMocks m) =>
        m.Registrations.Where(r => r.Type.StartsWith("random:", StringComparison.Ordinal)).Select(r => $"{r.Type} {r.Name}").ToHashSet();

    /// <summary>
    /// Runs the dev stack with <paramref name="peers"/> peers and reads the peer IDs from its stack
    /// outputs. The mocks give every random resource a value fixed by its name, as a real Pulumi
    /// state keeps a resource's value for as long as the resource exists: identities survive
    /// scaling exactly when the set of random resources does not change.
    /// </summary>
    private static async Task<(RecordingMocks Mocks, IReadOnlyList<string> ClusterPeerIds, IReadOnlyList<string> KuboPeerIds)> RunWithPeers(int peers)
    {
        var mocks = new RecordingMocks();
        var (_, outputs) = await StackRun.Run(StackRun.StackFile("dev") with { Peers = peers }, mocks);
        static async Task<IReadOnlyList<string>> Ids(object? output) =>
            await OutputUtilities.GetValueAsync((Output<string[]>)output!);
        return (mocks, await Ids(outputs["clusterPeerIds"]), await Ids(outputs["kuboPeerIds"]));
    }

    [Fact]
    public async Task OneRandomIdentitySeedPerClusterAndNoRandomResourcePerOrdinal()
    {
        var mocks = new RecordingMocks();
        await StackRun.Run(StackRun.StackFile("dev"), mocks);

        var bytes = mocks.OfType("random:index/randomBytes:RandomBytes").Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["cluster-secret", "identity-seed"], bytes);
        Assert.Equal(32.0, StackRun.ToJson(Assert.Single(mocks.OfType("random:index/randomBytes:RandomBytes"), r => r.Name == "identity-seed").Inputs)["length"]!.GetValue<double>());
        Assert.DoesNotContain(mocks.Registrations, r => r.Name.StartsWith("cluster-peer-", StringComparison.Ordinal) || r.Name.StartsWith("kubo-peer-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("prod", true)]
    [InlineData("dev", false)]
    public async Task TheIdentitySeedIsProtectedLikeTheClusterSecret(string stack, bool expected)
    {
        var spec = StackRun.StackFile(stack);
        var (resources, _) = await StackRun.Run(spec, new RecordingMocks());

        // Resource keeps its protect option in an internal field; the mocks do not see options.
        var protect = typeof(Resource).GetField("_protect", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
                      ?? throw new InvalidOperationException("Pulumi.Resource no longer has a _protect field");
        bool Protected(string name) => (bool)protect.GetValue(Assert.Single(resources.OfType<Pulumi.Random.RandomBytes>(), r => r.GetResourceName() == name))!;
        Assert.Equal(expected, spec.Protect);
        Assert.Equal(expected, Protected("cluster-secret"));
        Assert.Equal(expected, Protected("identity-seed"));
    }

    [Fact]
    public async Task ScalingUpAddsNoRandomResourceAndKeepsTheExistingPeerIds()
    {
        var three = await RunWithPeers(3);
        var five = await RunWithPeers(5);

        Assert.Equal(RandomResources(three.Mocks), RandomResources(five.Mocks));
        Assert.Equal(three.ClusterPeerIds, five.ClusterPeerIds.Take(3));
        Assert.Equal(three.KuboPeerIds, five.KuboPeerIds.Take(3));
        Assert.Equal(5, five.ClusterPeerIds.Count);
        Assert.Equal(10, five.ClusterPeerIds.Concat(five.KuboPeerIds).Distinct(StringComparer.Ordinal).Count());
        // The registered objects really carry these IDs (not only the material computed here).
        var registered = string.Concat(five.Mocks.Registrations.Where(r => r.Type == "kubernetes:core/v1:ConfigMap").Select(r => StackRun.ToJson(r.Inputs).ToJsonString()));
        Assert.All(five.ClusterPeerIds, id => Assert.Contains(id, registered));
    }

    [Fact]
    public async Task ScalingDownAndUpAgainRestoresTheSamePeerIds()
    {
        var five = await RunWithPeers(5);
        var three = await RunWithPeers(3);
        var fiveAgain = await RunWithPeers(5);

        Assert.Equal(RandomResources(five.Mocks), RandomResources(three.Mocks));
        Assert.Equal(five.ClusterPeerIds.Take(3), three.ClusterPeerIds);
        Assert.Equal(five.KuboPeerIds.Take(3), three.KuboPeerIds);
        Assert.Equal(five.ClusterPeerIds, fiveAgain.ClusterPeerIds);
        Assert.Equal(five.KuboPeerIds, fiveAgain.KuboPeerIds);
    }

    [Fact]
    public async Task RaisingThePasswordGenerationIsTheOnlyThingThatChangesThePasswordKeeper()
    {
        var spec = StackRun.StackFile("dev");
        var before = new RecordingMocks();
        await StackRun.Run(spec, before);
        var after = new RecordingMocks();
        await StackRun.Run(spec with { RestApi = spec.RestApi with { PasswordGeneration = 1 } }, after);

        static object Keepers(RecordingMocks m) => StackRun.ToJson(Assert.Single(m.OfType("random:index/randomPassword:RandomPassword")).Inputs)["keepers"]!.ToJsonString();
        Assert.Equal("{\"generation\":\"0\"}", Keepers(before));
        Assert.Equal("{\"generation\":\"1\"}", Keepers(after));
    }

    [Fact]
    public async Task FirstPreviewRegistersEveryObjectWithKnownNamesBeforeRandomValuesExist()
    {
        var preview = new RecordingMocks { ResolveRandomValues = false };
        await StackRun.Run(StackRun.StackFile("dev"), preview, preview: true);
        var up = new RecordingMocks();
        await StackRun.Run(StackRun.StackFile("dev"), up);

        static List<(string, string)> Objects(RecordingMocks m) =>
            m.Registrations.Where(r => r.Type.StartsWith("kubernetes:", StringComparison.Ordinal)).Select(r => (r.Type, r.Name)).OrderBy(x => x).ToList();
        Assert.Equal(Objects(up), Objects(preview));
        Assert.All(preview.Registrations.Where(r => r.Type.StartsWith("kubernetes:", StringComparison.Ordinal)),
            r => Assert.True(r.Inputs.ContainsKey("metadata"), $"{r.Name} has no metadata in preview"));
    }
}
