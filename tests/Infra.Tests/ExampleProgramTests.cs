using System.Text.Json.Nodes;
using Xunit;

namespace Ipfs.Infra.Tests;

/// <summary>The YAML and TypeScript examples set only inputs the schema has, with its types, and valid values.</summary>
public class ExampleProgramTests
{
    public static TheoryData<string> Examples => ["yaml", "typescript"];

    private static IReadOnlyList<JsonObject> ClusterInputs(string example) =>
        example == "yaml" ? ExamplePrograms.YamlClusterProperties() : ExamplePrograms.TypeScriptClusterArgs();

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task EveryPropertyTheExampleSetsIsInTheSchemaWithItsType(string example)
    {
        var schema = await PluginSchema.ServedObjectAsync();

        var inputs = Assert.Single(ClusterInputs(example));
        var problems = PluginSchema.Check(schema, "ipfs:index:IpfsCluster", inputs, out var checkedValues);

        Assert.Empty(problems);
        Assert.True(checkedValues >= 15, $"only {checkedValues} values checked");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task ThePluginBuildsTheExamplesClusterFromItsValues(string example)
    {
        var mocks = new RecordingMocks();
        var inputs = ExamplePrograms.ToPropertyValue(Assert.Single(ClusterInputs(example)));

        await PluginTests.ConstructUnderMocks(mocks, inputs.TryGetMap(out var map) ? map : throw new InvalidOperationException());

        var statefulSet = Assert.Single(mocks.OfType("kubernetes:apps/v1:StatefulSet"));
        Assert.Equal("media-ipfs/media", statefulSet.Name);
        Assert.Equal(5.0, StackRun.ToJson(statefulSet.Inputs)["spec"]!["replicas"]!.GetValue<double>());
    }

    [Fact]
    public async Task TheSchemaCheckFindsAnUnknownPropertyAndAWrongType()
    {
        var schema = await PluginSchema.ServedObjectAsync();
        var inputs = JsonNode.Parse("""{"profile":"prod","peers":"five","storage":{"sise":"1Gi"},"network":{"clusterCidrs":[1]}}""")!.AsObject();

        var problems = PluginSchema.Check(schema, "ipfs:index:IpfsCluster", inputs, out _);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("peers: \"five\" is not of type integer", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("storage.sise: not in the schema", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("network.clusterCidrs[0]: 1 is not of type string", StringComparison.Ordinal));
    }
}
