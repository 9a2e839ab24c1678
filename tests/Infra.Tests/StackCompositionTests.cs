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

    [Fact]
    public async Task ScalingUpAddsIdentitiesForNewOrdinalsOnlyAndKeepsExistingNames()
    {
        var three = new RecordingMocks();
        await StackRun.Run(StackRun.StackFile("dev"), three);
        var five = new RecordingMocks();
        await StackRun.Run(StackRun.StackFile("dev") with { Peers = 5 }, five);

        static HashSet<string> Seeds(RecordingMocks m) => m.OfType("random:index/randomBytes:RandomBytes").Select(r => r.Name).ToHashSet();
        var added = Seeds(five).Except(Seeds(three)).OrderBy(n => n).ToList();
        Assert.Equal(["cluster-peer-3", "cluster-peer-4", "kubo-peer-3", "kubo-peer-4"], added);
        Assert.Subset(Seeds(five), Seeds(three));
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
