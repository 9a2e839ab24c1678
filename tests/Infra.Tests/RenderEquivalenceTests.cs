using System.Text.Json.Nodes;
using Ipfs.Components;
using Ipfs.Manifests.Identity;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Serialization;
using Ipfs.Manifests.Spec;
using k8s;
using Xunit;

namespace Ipfs.Infra.Tests;

/// <summary>Guards the central promise: pulumi up registers exactly the objects render writes.</summary>
public class RenderEquivalenceTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task RegisteredObjectsEqualRenderedObjectsForTheSameConfigAndMaterial(string stack)
    {
        var spec = StackRun.StackFile(stack);
        var mocks = new RecordingMocks();
        await StackRun.Run(spec, mocks);

        var expected = ClusterManifest.Build(spec, MaterialOf(spec))
            .SelectMany(c => c.Objects)
            .ToDictionary(o => (ManifestObject.TypeToken(o), ManifestObject.LogicalName(o)), o => JsonNode.Parse(ManifestJson.Serialize(o))!);
        var actual = mocks.Registrations
            .Where(r => r.Type.StartsWith("kubernetes:", StringComparison.Ordinal))
            .ToDictionary(r => (r.Type, r.Name), r => StackRun.ToJson(r.Inputs));

        Assert.Equal(expected.Keys.OrderBy(k => k.ToString()), actual.Keys.OrderBy(k => k.ToString()));
        foreach (var (key, json) in expected)
            Assert.True(JsonNode.DeepEquals(json, actual[key]), $"{key} differs.\nrender:  {json.ToJsonString()}\npulumi:  {actual[key].ToJsonString()}");
    }

    [Fact]
    public async Task EveryObjectUsesTheKubernetesProviderTypeTokenOfItsKind()
    {
        var mocks = new RecordingMocks();
        await StackRun.Run(StackRun.StackFile("dev"), mocks);

        var types = mocks.Registrations.Select(r => r.Type).ToHashSet();
        Assert.Contains("kubernetes:core/v1:Namespace", types);
        Assert.Contains("kubernetes:core/v1:Secret", types);
        Assert.Contains("kubernetes:core/v1:ConfigMap", types);
        Assert.DoesNotContain(types, t => t.StartsWith("kubernetes:v1:", StringComparison.Ordinal));
    }

    /// <summary>The material the mocks' random values amount to: identities derived from the one identity seed.</summary>
    internal static SecretMaterial MaterialOf(ClusterSpec spec)
    {
        var (clusterPeers, kuboPeers) = IdentityDerivation.ForPeers(Convert.FromHexString(RecordingMocks.HexFor("identity-seed")), spec.Peers);
        return new SecretMaterial(
            RecordingMocks.HexFor("cluster-secret"),
            RecordingMocks.PasswordFor("rest-api-password"),
            spec.Network.PrivateSwarm ? RecordingMocks.HexFor("swarm-key") : null,
            clusterPeers,
            kuboPeers);
    }
}
