using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Ipfs.Components;
using Ipfs.Plugin;
using Pulumi;
using Pulumi.Experimental;
using Pulumi.Experimental.Provider;
using Xunit;

namespace Ipfs.Infra.Tests;

/// <summary>The plugin package other languages add: its schema and how it constructs components.</summary>
public class PluginTests
{
    [Fact]
    public async Task TheServedSchemaEqualsTheCommittedSchemaJson()
    {
        var served = await PluginSchema.ServedAsync();
        var committed = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Plugin", "schema.json"));

        if (served.TrimEnd() != committed.TrimEnd())
        {
            var actual = Path.Combine(AppContext.BaseDirectory, "schema.actual.json");
            await File.WriteAllTextAsync(actual, served + "\n");
            Assert.Fail($"Plugin/schema.json differs from the schema the plugin serves; if the change is intended, copy {actual} over Plugin/schema.json.");
        }
    }

    [Fact]
    public async Task ThePackageIsIpfsAtTheComponentsVersionAndExposesOnlyIpfsCluster()
    {
        var schema = await PluginSchema.ServedObjectAsync();

        Assert.Equal("ipfs", (string)schema["name"]!);
        Assert.Equal(typeof(IpfsCluster).Assembly.GetName().Version!.ToString(3), (string)schema["version"]!);
        Assert.NotEqual("0.0.0", (string)schema["version"]!);
        Assert.Equal(["ipfs:index:IpfsCluster"], schema["resources"]!.AsObject().Select(r => r.Key));
        Assert.All(schema["types"]!.AsObject(), t => Assert.StartsWith("ipfs:index:", t.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryResourceTypeInputAndOutputHasADescription()
    {
        var schema = await PluginSchema.ServedObjectAsync();
        var undescribed = new List<string>();
        void Require(JsonNode node, string where)
        {
            if (string.IsNullOrWhiteSpace((string?)node["description"])) undescribed.Add(where);
        }

        var described = 0;
        foreach (var (token, resource) in schema["resources"]!.AsObject())
        {
            Require(resource!, token);
            foreach (var section in new[] { "inputProperties", "properties" })
                foreach (var (name, property) in resource![section]!.AsObject())
                {
                    Require(property!, $"{token} {section}.{name}");
                    described++;
                }
        }
        foreach (var (token, type) in schema["types"]!.AsObject())
        {
            Require(type!, token);
            foreach (var (name, property) in type!["properties"]!.AsObject())
            {
                Require(property!, $"{token}.{name}");
                described++;
            }
        }

        Assert.Empty(undescribed);
        Assert.True(described > 100, $"only {described} properties in the schema");
    }

    [Fact]
    public async Task EveryInputIsPlainAndThePasswordOutputIsSecret()
    {
        var schema = await PluginSchema.ServedObjectAsync();
        var cluster = schema["resources"]!["ipfs:index:IpfsCluster"]!;

        Assert.All(cluster["inputProperties"]!.AsObject(), p => Assert.True((bool?)p.Value!["plain"], p.Key));
        Assert.All(schema["types"]!.AsObject().SelectMany(t => t.Value!["properties"]!.AsObject()), p => Assert.True((bool?)p.Value!["plain"], p.Key));
        Assert.Equal(["profile"], cluster["requiredInputs"]!.AsArray().Select(n => (string)n!));
        Assert.True((bool?)cluster["properties"]!["restApiPassword"]!["secret"]);
    }

    [Fact]
    public async Task ConstructBuildsTheClusterFromTheInputsAProgramSends()
    {
        var mocks = new RecordingMocks();
        var inputs = ExamplePrograms.ToPropertyValue(ExamplePrograms.YamlClusterProperties().Single());

        var outputs = await ConstructUnderMocks(mocks, inputs.TryGetMap(out var map) ? map : throw new InvalidOperationException());

        var statefulSet = Assert.Single(mocks.OfType("kubernetes:apps/v1:StatefulSet"));
        Assert.Equal("media-ipfs/media", statefulSet.Name);
        Assert.Equal(5.0, StackRun.ToJson(statefulSet.Inputs)["spec"]!["replicas"]!.GetValue<double>());
        Assert.Contains(mocks.OfType("kubernetes:storage.k8s.io/v1:StorageClass"), c => StackRun.ToJson(c.Inputs)["provisioner"]!.GetValue<string>() == "ebs.csi.aws.com");
        var peerIds = (PropertyValue)outputs["clusterPeerIds"]!;
        Assert.True(peerIds.TryGetArray(out var ids) && ids.Length == 5);
        Assert.True(((PropertyValue)outputs["restApiPassword"]!).IsSecret);
    }

    [Fact]
    public async Task UnknownInputsAreRefusedAtOnceNamingEachInput()
    {
        var mocks = new RecordingMocks();
        var inputs = ImmutableDictionary<string, PropertyValue>.Empty
            .Add("profile", new PropertyValue("prod"))
            .Add("peers", PropertyValue.Computed)
            .Add("network", new PropertyValue(ImmutableDictionary<string, PropertyValue>.Empty
                .Add("api", new PropertyValue(ImmutableDictionary<string, PropertyValue>.Empty
                    .Add("clientNamespaces", new PropertyValue([new PropertyValue("app"), PropertyValue.Computed]))))));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ConstructUnderMocks(mocks, inputs, preview: true).WaitAsync(TimeSpan.FromSeconds(60)));

        var message = error.ToString();
        Assert.Contains("IpfsCluster \"media\": args.peers: is not known yet", message);
        Assert.Contains("IpfsCluster \"media\": args.network.api.clientNamespaces[1]: is not known yet", message);
        Assert.Empty(mocks.Registrations);
    }

    [Fact]
    public async Task SecretInputsAreRefused()
    {
        var inputs = ImmutableDictionary<string, PropertyValue>.Empty
            .Add("profile", new PropertyValue("dev"))
            .Add("storage", new PropertyValue(ImmutableDictionary<string, PropertyValue>.Empty
                .Add("kmsKeyId", new PropertyValue("projects/p/keys/k").WithSecret(true))));

        var error = await Assert.ThrowsAsync<IpfsClusterArgsException>(() => Construct("ipfs:index:IpfsCluster", inputs));

        Assert.Contains("IpfsCluster \"media\": args.storage.kmsKeyId = [secret]: is a secret", error.Message);
        Assert.DoesNotContain("projects/p/keys/k", error.Message);
    }

    [Fact]
    public async Task InputsTheArgsDoNotHaveAreRefusedAsUnknownStackKeysAre()
    {
        var inputs = ImmutableDictionary<string, PropertyValue>.Empty
            .Add("profile", new PropertyValue("dev"))
            .Add("replicaton", new PropertyValue(2))
            .Add("monitoring", new PropertyValue(ImmutableDictionary<string, PropertyValue>.Empty
                .Add("prometheusLabels", new PropertyValue(ImmutableDictionary<string, PropertyValue>.Empty.Add("release", new PropertyValue("p"))))
                .Add("rules", new PropertyValue(ImmutableDictionary<string, PropertyValue>.Empty.Add("peerDown", new PropertyValue("5m"))))));

        var error = await Assert.ThrowsAsync<IpfsClusterArgsException>(() => Construct("ipfs:index:IpfsCluster", inputs));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("IpfsCluster \"media\": args.replicaton: is not an input (known here: profile, namespace, name, peers, images, replication,", error.Message);
        Assert.Contains("IpfsCluster \"media\": args.monitoring.rules.peerDown: is not an input (known here: enabled, peerDownFor,", error.Message);
    }

    [Fact]
    public async Task ComponentsThatAreNotExposedCannotBeConstructed()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Construct("ipfs:index:IpfsNodeSet", ImmutableDictionary<string, PropertyValue>.Empty));

        Assert.Contains("ipfs:index:IpfsNodeSet is not a component of package ipfs; it offers ipfs:index:IpfsCluster", error.Message);
    }

    /// <summary>Constructs an IpfsCluster named "media" through the plugin under the mocked engine; returns its outputs.</summary>
    internal static async Task<IDictionary<string, object?>> ConstructUnderMocks(RecordingMocks mocks, ImmutableDictionary<string, PropertyValue> inputs, bool preview = false)
    {
        var (_, outputs) = await Deployment.TestAsync(mocks, StackRun.Options(preview), async () =>
            (await Construct("ipfs:index:IpfsCluster", inputs)).Outputs.ToDictionary(kv => kv.Key, kv => (object?)kv.Value));
        return outputs;
    }

    private static Task<ConstructResponse> Construct(string type, ImmutableDictionary<string, PropertyValue> inputs) =>
        new IpfsProvider().Construct(new ConstructRequest(type, "media", inputs, new ComponentResourceOptions()), CancellationToken.None);
}
