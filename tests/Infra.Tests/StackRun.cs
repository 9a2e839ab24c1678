using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ipfs.Infra.Stacks;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Spec;
using Pulumi;
using Pulumi.Testing;

namespace Ipfs.Infra.Tests;

/// <summary>Runs the stack under the mocked engine.</summary>
internal static class StackRun
{
    public static TestOptions Options(bool preview = false, string stack = "dev") =>
        new() { IsPreview = preview, ProjectName = StackConfig.ProjectName, StackName = stack };

    public static Task<(ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs)> Run(
        ClusterSpec spec, IMocks mocks, bool preview = false) =>
        Deployment.TestAsync(mocks, Options(preview), () => IpfsStack.Run(spec));

    public static ClusterSpec StackFile(string stack) =>
        ClusterSpecLoader.Load(StackFileReader.Read(Path.Combine(AppContext.BaseDirectory, "Stacks", $"Pulumi.{stack}.yaml")));

    /// <summary>Mock inputs as JSON (numbers arrive as doubles; whole ones print as integers).</summary>
    public static JsonNode ToJson(ImmutableDictionary<string, object> inputs) =>
        JsonNode.Parse(JsonSerializer.Serialize(inputs))!;
}
