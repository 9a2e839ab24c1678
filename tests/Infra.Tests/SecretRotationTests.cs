using System.Text.Json.Nodes;
using Ipfs.Components;
using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Spec;
using Pulumi;
using Pulumi.Utilities;
using Xunit;

namespace Ipfs.Infra.Tests;

/// <summary>
/// Under Pulumi, a rotation of any Secret the pods read rolls them: the StatefulSet's pod template
/// carries a keyed digest of the Secrets, computed from the Pulumi.Random values without ever
/// putting one of them in a non-secret output.
/// </summary>
public class SecretRotationTests
{
    private static readonly ClusterSpec Dev = StackRun.StackFile("dev") with { Network = StackRun.StackFile("dev").Network with { PrivateSwarm = true } };

    private static async Task<RecordingMocks> Deploy(ClusterSpec spec, RecordingMocks? mocks = null)
    {
        mocks ??= new RecordingMocks();
        await StackRun.Run(spec, mocks);
        return mocks;
    }

    private static JsonNode Registered(RecordingMocks mocks, string type) =>
        StackRun.ToJson(mocks.OfType(type).Single().Inputs);

    private static JsonNode Template(RecordingMocks mocks) => Registered(mocks, "kubernetes:apps/v1:StatefulSet")["spec"]!["template"]!;

    private static string Digest(RecordingMocks mocks) => (string)Template(mocks)["metadata"]!["annotations"]![SecretsChecksum.Annotation]!;

    private static IEnumerable<string> OtherObjects(RecordingMocks mocks) => mocks.Registrations
        .Where(r => r.Type.StartsWith("kubernetes:", StringComparison.Ordinal) && r.Type != "kubernetes:apps/v1:StatefulSet" && r.Type != "kubernetes:core/v1:Secret")
        .Select(r => $"{r.Type} {r.Name} {StackRun.ToJson(r.Inputs).ToJsonString()}")
        .Order(StringComparer.Ordinal); // registration order varies between runs

    [Fact]
    public async Task RaisingThePasswordGenerationChangesThePodTemplateDigestAndNothingElseOutsideTheSecrets()
    {
        var before = await Deploy(Dev);
        var after = await Deploy(Dev with { RestApi = Dev.RestApi with { PasswordGeneration = 1 } });

        Assert.NotEqual(Digest(before), Digest(after));
        var rolled = Template(after).DeepClone();
        rolled["metadata"]!["annotations"]![SecretsChecksum.Annotation] = Digest(before);
        Assert.True(JsonNode.DeepEquals(Template(before), rolled), "only the secrets digest of the pod template may change");
        Assert.Equal(OtherObjects(before), OtherObjects(after));
    }

    [Theory]
    [InlineData("cluster-secret")]
    [InlineData("identity-seed")]
    [InlineData("swarm-key")]
    public async Task ReplacingRandomMaterialChangesThePodTemplateDigest(string resource)
    {
        var before = await Deploy(Dev);
        var after = await Deploy(Dev, new RecordingMocks { Replaced = new HashSet<string> { resource } });

        Assert.NotEqual(Digest(before), Digest(after));
    }

    [Fact]
    public async Task TheSameMaterialGivesTheSameDigest_EqualToWhatRenderComputes()
    {
        var first = await Deploy(Dev);
        var second = await Deploy(Dev);

        Assert.Equal(Digest(first), Digest(second));
        Assert.Equal(SecretsChecksum.Compute(Dev, RenderEquivalenceTests.MaterialOf(Dev)), Digest(first));
    }

    [Fact]
    public async Task TheDigestIsNotASecretButTheMaterialIs()
    {
        ClusterSecrets? secrets = null;
        await Pulumi.Deployment.TestAsync(new RecordingMocks(), StackRun.Options(), () =>
        {
            secrets = new ClusterSecrets("s", new ClusterSecretsArgs { Spec = Dev });
            return new Dictionary<string, object?>();
        });

        Assert.False(await Output.IsSecretAsync(secrets!.SecretsChecksum));
        Assert.True(await Output.IsSecretAsync(secrets.Material));
        Assert.StartsWith("hmac-sha256:", await OutputUtilities.GetValueAsync(secrets.SecretsChecksum), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InThePreviewOfAPasswordRotationOnlyTheStatefulSetWaitsForTheNewDigest()
    {
        // The rotated RandomPassword is replaced: its value, hence the digest, is unknown at preview.
        IpfsCluster? cluster = null;
        await Pulumi.Deployment.TestAsync(new RecordingMocks { Unknown = new HashSet<string> { "rest-api-password" } }, StackRun.Options(preview: true), () =>
        {
            cluster = new IpfsCluster("ipfs", new IpfsClusterArgs { Spec = Dev });
            return new Dictionary<string, object?>();
        });

        Assert.False(await OutputUtilities.GetIsKnownAsync(cluster!.Secrets.SecretsChecksum));
        Assert.True(await OutputUtilities.GetIsKnownAsync(cluster.Secrets.Identities));
        foreach (var obj in cluster.NodeSet.Objects)
        {
            var body = obj.Inputs.ContainsKey("spec") ? "spec" : "data";
            var known = await OutputUtilities.GetIsKnownAsync((Output<System.Text.Json.JsonElement>)obj.Inputs[body]!);
            Assert.Equal((string)obj.Inputs["kind"]! != "StatefulSet", known);
        }
    }
}
