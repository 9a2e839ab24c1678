using System.Text.Json;
using System.Text.Json.Nodes;
using Ipfs.Components;
using Ipfs.Manifests.Config;
using Pulumi;
using Xunit;

namespace Ipfs.Infra.Tests;

/// <summary>IpfsClusterArgs are the stack config in schema form: same keys, defaults and checks.</summary>
public class ClusterArgsTests
{
    /// <summary>Keys that configure the stack's own Kubernetes provider; a component uses the provider it is given.</summary>
    private static readonly string[] StackOnlyKeys = ["kubernetes.context", "kubernetes.kubeconfig"];

    private static IEnumerable<string> LeafInputPaths() => ClusterArgsConfig.InputPaths(typeof(IpfsClusterArgs))
        .Where(i => !typeof(ResourceArgs).IsAssignableFrom(i.Property.PropertyType))
        .Select(i => i.Path);

    [Fact]
    public void EveryStackConfigKeyHasAnArgsInputOfTheSameName()
    {
        var keys = ConfigSchema.Fields.Select(f => f.Path).Except(StackOnlyKeys).ToList();
        var inputs = LeafInputPaths().ToList();

        var unmapped = keys.Except(inputs).ToList();
        var extra = inputs.Except(keys).ToList();
        Assert.True(unmapped.Count == 0 && extra.Count == 0,
            $"stack config keys without an IpfsClusterArgs input: [{string.Join(", ", unmapped)}]; inputs that are no stack config key: [{string.Join(", ", extra)}]");
        Assert.Equal(keys.Count, inputs.Count);
    }

    [Fact]
    public void ArgsWithOnlyAProfileGetThatProfilesDefaults()
    {
        foreach (var profile in new[] { Profile.Dev, Profile.Prod })
        {
            var spec = ClusterArgsConfig.Load("c", new IpfsClusterArgs { Profile = profile.ToString().ToLowerInvariant() });

            Assert.Equal(JsonSerializer.Serialize(ClusterSpecDefaults.For(profile)), JsonSerializer.Serialize(spec));
        }
    }

    [Fact]
    public void AnInputOverridesItsProfileDefaultAndLeavesTheOthers()
    {
        var spec = ClusterArgsConfig.Load("c", new IpfsClusterArgs
        {
            Profile = "prod",
            Peers = 5,
            Storage = new StorageArgs { DataSize = "250Gi", Backup = new BackupArgs { Retain = 30 } },
            Network = new NetworkArgs { Api = new ApiAccessArgs { ClientPodSelector = new() { ["app"] = "media" } } },
        });

        var prod = ClusterSpecDefaults.For(Profile.Prod);
        Assert.Equal(5, spec.Peers);
        Assert.Equal("250Gi", spec.Storage.DataSize);
        Assert.Equal(30, spec.Storage.Backup.Retain);
        Assert.Equal("media", spec.Network.Api.ClientPodSelector["app"]);
        Assert.Equal(prod.Storage.StateSize, spec.Storage.StateSize);
        Assert.Equal(prod.Replication, spec.Replication);
    }

    [Fact]
    public void BadInputsAreReportedAsTheStackConfigReportsThemWithTheInputInPlaceOfTheKey()
    {
        var args = new IpfsClusterArgs
        {
            Profile = "prod",
            Peers = 2,
            Images = new ImagesArgs { Kubo = "ipfs/kubo:latest" },
            Storage = new StorageArgs { DataSize = "lots" },
            Replication = new ReplicationArgs { Min = 3 },
        };
        var stackFile = new StackConfig("Pulumi.prod.yaml", ClusterArgsConfig.Values(args), new HashSet<string>());

        var fromArgs = Assert.Throws<IpfsClusterArgsException>(() => ClusterArgsConfig.Load("media", args));
        var fromStack = Assert.Throws<ConfigValidationException>(() => ClusterSpecLoader.Load(stackFile));

        Assert.Equal(
            fromStack.Problems.Select(p => p.ToString().Replace("Pulumi.prod.yaml: ipfs-infra:", "IpfsCluster \"media\": args.", StringComparison.Ordinal)),
            fromArgs.Problems.Select(p => p.ToString()));
        Assert.Contains("IpfsCluster \"media\": args.images.kubo = ipfs/kubo:latest: ", fromArgs.Message);
        Assert.Contains("IpfsCluster \"media\": args.peers = 2: must be at least 3 under the prod profile", fromArgs.Message);
        Assert.Contains("args.storage.dataSize = lots", fromArgs.Message);
        Assert.StartsWith("Invalid IpfsCluster arguments (", fromArgs.Message);
    }

    [Fact]
    public void AMissingProfileIsReportedAsRequired()
    {
        var error = Assert.Throws<IpfsClusterArgsException>(() => ClusterArgsConfig.Load("media", new IpfsClusterArgs { Peers = 3 }));

        Assert.Contains("IpfsCluster \"media\": args.profile: is required (one of dev, prod)", error.Message);
    }

    [Fact]
    public void ArgsBecomeNestedStackConfigValues()
    {
        var values = ClusterArgsConfig.Values(new IpfsClusterArgs
        {
            Profile = "dev",
            Network = new NetworkArgs { ClusterCidrs = ["10.0.0.0/8"], Ingress = new IngressArgs() },
        });

        Assert.Equal("""{"profile":"dev","network":{"clusterCidrs":["10.0.0.0/8"]}}""", new JsonObject(values.Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone()))).ToJsonString());
    }
}
