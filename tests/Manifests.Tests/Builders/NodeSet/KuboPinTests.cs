using System.Text.Json.Nodes;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Tests.Builders.Network;
using Ipfs.Manifests.Serialization;
using k8s;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.NodeSet;

/// <summary>
/// Moving kubo from the previous pin (v0.42.0) to the new one (v0.43.1) changes the kubo image and
/// nothing else: the settings the scripts apply are valid on both lines (checked against kubo's
/// release-v0.43 source), so a rollback to the previous pin renders the same objects but for the
/// image. The config changes that came with the new pin (WebSocket off in private mode) are pinned
/// key by key in <see cref="KuboStartTests"/>.
/// </summary>
public class KuboPinTests
{
    private const string PreviousPin = "ipfs/kubo:v0.42.0";

    [Fact]
    public void TheDefaultKuboIsV0431()
    {
        Assert.Equal("ipfs/kubo:v0.43.1", ConfigSchema.DefaultKuboImage);
        Assert.Equal(ConfigSchema.DefaultKuboImage, TestSpecs.Prod.Images.Kubo);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    [InlineData("private")]
    [InlineData("load-balancer")]
    public void ThePreviousAndTheNewPinDifferOnlyInTheKuboImage(string scenario)
    {
        var current = NetworkScenarios.For(scenario);
        var previous = current with { Images = current.Images with { Kubo = PreviousPin } };

        var before = Flatten(previous);
        var after = Flatten(current);

        var changed = after.Keys.Union(before.Keys)
            .Where(k => !before.TryGetValue(k, out var b) || !after.TryGetValue(k, out var a) || a != b)
            .Order(StringComparer.Ordinal)
            .ToList();
        var image = Assert.Single(changed);
        Assert.Matches(@"^StatefulSet/ipfs\.spec\.template\.spec\.containers\[\d+\]\.image$", image);
        Assert.Equal($"\"{PreviousPin}\"", before[image]);
        Assert.Equal($"\"{ConfigSchema.DefaultKuboImage}\"", after[image]);
    }

    /// <summary>Every object's JSON as "Kind/name.path" → compact JSON leaf.</summary>
    private static Dictionary<string, string> Flatten(Spec.ClusterSpec spec)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var o in NetworkScenarios.Objects(spec))
            Walk(JsonNode.Parse(ManifestJson.Serialize(o)), $"{o.Kind}/{o.Metadata.Name}", leaves);
        return leaves;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, string> leaves)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o) Walk(v, $"{path}.{k}", leaves);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Walk(a[i], $"{path}[{i}]", leaves);
                break;
            default:
                leaves[path] = node?.ToJsonString() ?? "null";
                break;
        }
    }
}
