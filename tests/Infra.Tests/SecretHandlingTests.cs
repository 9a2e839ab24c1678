using System.Text.Json;
using Ipfs.Components;
using Pulumi;
using Pulumi.Utilities;
using Xunit;

namespace Ipfs.Infra.Tests;

/// <summary>Secret values reach the program only as Pulumi secrets and never land in non-Secret objects.</summary>
public class SecretHandlingTests
{
    [Fact]
    public async Task RestApiPasswordStackOutputIsASecret()
    {
        var (_, outputs) = await StackRun.Run(StackRun.StackFile("dev"), new RecordingMocks());

        var password = (Output<string>)outputs["restApiPassword"]!;
        Assert.True(await Output.IsSecretAsync(password));
        Assert.Equal(RecordingMocks.PasswordFor("rest-api-password"), await OutputUtilities.GetValueAsync(password));
    }

    [Fact]
    public async Task PeerIdStackOutputsArePublic()
    {
        var (_, outputs) = await StackRun.Run(StackRun.StackFile("dev"), new RecordingMocks());

        var ids = (Output<string[]>)outputs["clusterPeerIds"]!;
        Assert.False(await Output.IsSecretAsync(ids));
        Assert.All(await OutputUtilities.GetValueAsync(ids), id => Assert.StartsWith("12D3KooW", id));
    }

    [Fact]
    public async Task SecretObjectsCarryTheirValuesAsPulumiSecretsAndOtherObjectsDoNot()
    {
        var (resources, _) = await StackRun.Run(StackRun.StackFile("dev"), new RecordingMocks());
        var objects = resources.OfType<ManifestObject>().ToList();

        foreach (var obj in objects)
        {
            var isSecretKind = (string)obj.Inputs["kind"]! == "Secret";
            foreach (var (field, value) in obj.Inputs)
            {
                if (value is Output<JsonElement> output)
                    Assert.Equal(isSecretKind, await Output.IsSecretAsync(output));
            }
        }
        Assert.Contains(objects, o => (string)o.Inputs["kind"]! == "Secret");
    }

    [Fact]
    public async Task NoSecretValueAppearsInAnyNonSecretObject()
    {
        var spec = StackRun.StackFile("dev") with { Network = StackRun.StackFile("dev").Network with { PrivateSwarm = true } };
        var mocks = new RecordingMocks();
        await StackRun.Run(spec, mocks);
        var material = RenderEquivalenceTests.MaterialOf(spec);
        var secrets = new[] { material.ClusterSecretHex, material.RestApiPassword, material.SwarmKeyHex! }
            .Concat(material.ClusterPeers.Select(p => p.PrivateKeyBase64))
            .Concat(material.KuboPeers.Select(p => p.PrivateKeyBase64))
            .ToList();

        var nonSecret = mocks.Registrations.Where(r => r.Type != "kubernetes:core/v1:Secret" && !r.Type.StartsWith("random:", StringComparison.Ordinal));
        foreach (var registration in nonSecret)
        {
            var text = StackRun.ToJson(registration.Inputs).ToJsonString();
            Assert.DoesNotContain(secrets, s => text.Contains(s, StringComparison.Ordinal));
        }
        Assert.Contains(mocks.Registrations, r => r.Type == "kubernetes:core/v1:Secret" && r.Name.EndsWith("/ipfs-swarm-key", StringComparison.Ordinal));
    }
}
