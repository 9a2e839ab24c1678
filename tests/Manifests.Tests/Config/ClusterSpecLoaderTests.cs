using System.Text.Json.Nodes;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Spec;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Ipfs.Manifests.Tests.Config;

public sealed class ClusterSpecLoaderTests : IDisposable
{
    private const string FileName = "Pulumi.test.yaml";
    private readonly TempStackFile _stackFile = new(FileName);

    public void Dispose() => _stackFile.Dispose();

    /// <summary>A stack file whose <c>config:</c> map holds <paramref name="lines"/> (each indented under it).</summary>
    private static string Stack(params string[] lines) =>
        "config:\n" + string.Concat(lines.Select(l => "  " + l + "\n"));

    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private ClusterSpec Load(string yaml) => _stackFile.Load(yaml);

    private ConfigValidationException LoadFails(string yaml) =>
        Assert.Throws<ConfigValidationException>(() => Load(yaml));

    // ---------------------------------------------------------------------------------------
    // Bad inputs: every row must fail, and the message must name the file, the key and (where
    // there is one) the value.
    // ---------------------------------------------------------------------------------------

    public static TheoryData<string, string, string[]> BadStacks => new()
    {
        { "missing profile", Stack("ipfs-infra:peers: 3"), [$"{FileName}: ipfs-infra:profile: is required"] },
        { "unknown profile", Stack("ipfs-infra:profile: staging"), [$"{FileName}: ipfs-infra:profile = staging", "must be one of dev, prod"] },
        { "unknown top-level key, near a known one", Stack("ipfs-infra:profile: dev", "ipfs-infra:peer: 3"),
            [$"{FileName}: ipfs-infra:peer = 3", "is not a known key; did you mean ipfs-infra:peers?"] },
        { "unknown nested key", Stack("ipfs-infra:profile: dev", "ipfs-infra:replication:", "  minimum: 2"),
            [$"{FileName}: ipfs-infra:replication.minimum = 2", "is not a known key", "replication.min"] },
        { "scalar where an object is required", Stack("ipfs-infra:profile: dev", "ipfs-infra:replication: 2"),
            [$"{FileName}: ipfs-infra:replication = 2", "must be an object with keys min, max"] },
        { "peers 0", Stack("ipfs-infra:profile: dev", "ipfs-infra:peers: 0"), [$"{FileName}: ipfs-infra:peers = 0", "from 1 to 1000"] },
        { "peers not a number", Stack("ipfs-infra:profile: dev", "ipfs-infra:peers: three"), [$"{FileName}: ipfs-infra:peers = three"] },
        { "peers a fraction", Stack("ipfs-infra:profile: dev", "ipfs-infra:peers: 2.5"), [$"{FileName}: ipfs-infra:peers = 2.5"] },
        { "replication.min above replication.max", Stack("ipfs-infra:profile: dev", "ipfs-infra:replication:", "  min: 3", "  max: 2"),
            [$"{FileName}: ipfs-infra:replication.min = 3", "must not exceed replication.max (2)"] },
        { "replication.max above peers", Stack("ipfs-infra:profile: dev", "ipfs-infra:replication:", "  max: 4"),
            [$"{FileName}: ipfs-infra:replication.max = 4", "must not exceed peers (3)"] },
        { "peers below replication.min", Stack("ipfs-infra:profile: dev", "ipfs-infra:peers: 1", "ipfs-infra:replication:", "  min: 2", "  max: 2"),
            [$"{FileName}: ipfs-infra:peers = 1", "must be at least replication.min (2)"] },
        { "prod with 2 peers", Stack("ipfs-infra:profile: prod", "ipfs-infra:peers: 2", "ipfs-infra:replication:", "  min: 1", "  max: 2"),
            [$"{FileName}: ipfs-infra:peers = 2", "at least 3 under the prod profile"] },
        { "image tagged latest", Stack("ipfs-infra:profile: dev", "ipfs-infra:images:", "  kubo: ipfs/kubo:latest"),
            [$"{FileName}: ipfs-infra:images.kubo = ipfs/kubo:latest", "latest"] },
        { "untagged image", Stack("ipfs-infra:profile: dev", "ipfs-infra:images:", "  cluster: ipfs/ipfs-cluster"),
            [$"{FileName}: ipfs-infra:images.cluster = ipfs/ipfs-cluster"] },
        { "untagged image from a registry with a port", Stack("ipfs-infra:profile: dev", "ipfs-infra:images:", "  kubo: registry.local:5000/ipfs/kubo"),
            [$"{FileName}: ipfs-infra:images.kubo = registry.local:5000/ipfs/kubo"] },
        { "namespace in upper case", Stack("ipfs-infra:profile: dev", "ipfs-infra:namespace: IPFS"), [$"{FileName}: ipfs-infra:namespace = IPFS", "DNS-1123"] },
        { "namespace with underscore", Stack("ipfs-infra:profile: dev", "ipfs-infra:namespace: ipfs_dev"), [$"{FileName}: ipfs-infra:namespace = ipfs_dev"] },
        { "namespace of 64 characters", Stack("ipfs-infra:profile: dev", "ipfs-infra:namespace: " + new string('n', 64)),
            [$"{FileName}: ipfs-infra:namespace = {new string('n', 64)}", "at most 63 characters"] },
        { "namespace with leading '-'", Stack("ipfs-infra:profile: dev", "ipfs-infra:namespace: -ipfs"), [$"{FileName}: ipfs-infra:namespace = -ipfs"] },
        { "name in upper case", Stack("ipfs-infra:profile: dev", "ipfs-infra:name: Ipfs"), [$"{FileName}: ipfs-infra:name = Ipfs"] },
        { "name with underscore", Stack("ipfs-infra:profile: dev", "ipfs-infra:name: my_ipfs"), [$"{FileName}: ipfs-infra:name = my_ipfs"] },
        { "name of 31 characters", Stack("ipfs-infra:profile: dev", "ipfs-infra:name: " + new string('a', 31)),
            [$"{FileName}: ipfs-infra:name = {new string('a', 31)}", "at most 30 characters"] },
        { "name with leading '-'", Stack("ipfs-infra:profile: dev", "ipfs-infra:name: -ipfs"), [$"{FileName}: ipfs-infra:name = -ipfs"] },
        { "quantity with a non-Kubernetes unit", Stack("ipfs-infra:profile: dev", "ipfs-infra:storage:", "  dataSize: 10GB"),
            [$"{FileName}: ipfs-infra:storage.dataSize = 10GB", "positive Kubernetes quantity"] },
        { "negative quantity", Stack("ipfs-infra:profile: dev", "ipfs-infra:storage:", "  stateSize: -1Gi"), [$"{FileName}: ipfs-infra:storage.stateSize = -1Gi"] },
        { "zero quantity", Stack("ipfs-infra:profile: dev", "ipfs-infra:resources:", "  kubo:", "    limits:", "      memory: 0"),
            [$"{FileName}: ipfs-infra:resources.kubo.limits.memory = 0"] },
        { "cpu request above its limit", Stack("ipfs-infra:profile: dev", "ipfs-infra:resources:", "  kubo:", "    requests:", "      cpu: 2"),
            [$"{FileName}: ipfs-infra:resources.kubo.requests.cpu = 2", "must not exceed resources.kubo.limits.cpu (1)"] },
        { "memory request above its limit", Stack("ipfs-infra:profile: dev", "ipfs-infra:resources:", "  cluster:", "    requests:", "      memory: 1Gi"),
            [$"{FileName}: ipfs-infra:resources.cluster.requests.memory = 1Gi", "must not exceed resources.cluster.limits.memory (512Mi)"] },
        { "duration without a unit", Stack("ipfs-infra:profile: dev", "ipfs-infra:cluster:", "  crdtBatchMaxAge: 15"),
            [$"{FileName}: ipfs-infra:cluster.crdtBatchMaxAge = 15", "Go duration"] },
        { "duration in days (Go has none)", Stack("ipfs-infra:profile: dev", "ipfs-infra:cluster:", "  crdtBatchMaxAge: 1d"),
            [$"{FileName}: ipfs-infra:cluster.crdtBatchMaxAge = 1d"] },
        { "CIDR with host bits set", Stack("ipfs-infra:profile: dev", "ipfs-infra:network:", "  clusterCidrs: [10.0.0.1/8]"),
            [$"{FileName}: ipfs-infra:network.clusterCidrs = [\"10.0.0.1/8\"]", "'10.0.0.1/8' is not a CIDR range in canonical form"] },
        { "CIDR that is not an address", Stack("ipfs-infra:profile: dev", "ipfs-infra:network:", "  clusterCidrs: [10.0.0.0/8, garbage]"),
            [$"{FileName}: ipfs-infra:network.clusterCidrs", "'garbage' is not a CIDR range"] },
        { "CIDR list given as a scalar", Stack("ipfs-infra:profile: dev", "ipfs-infra:network:", "  clusterCidrs: 10.0.0.0/8"),
            [$"{FileName}: ipfs-infra:network.clusterCidrs = 10.0.0.0/8", "must be a list of CIDR ranges"] },
        { "secure: on a key that may not be secret", Stack("ipfs-infra:profile: dev", "ipfs-infra:restApi:", "  user:", "    secure: v1:c2VjcmV0"),
            [$"{FileName}: ipfs-infra:restApi.user = secure:", "only kubernetes.kubeconfig may be a secret"] },
        { "YAML syntax error", "config:\n  ipfs-infra:profile: dev\n   ipfs-infra:peers: 3\n",
            [$"{FileName}: config: is not valid YAML at line 3"] },
        { "YAML with a duplicate key", Stack("ipfs-infra:profile: dev", "ipfs-infra:peers: 3", "ipfs-infra:peers: 4"),
            [$"{FileName}: config: is not valid YAML at line 4", "Duplicate key ipfs-infra:peers"] },
        { "null value", Stack("ipfs-infra:profile: dev", "ipfs-infra:peers:"), [$"{FileName}: ipfs-infra:peers = null", "has no value"] },
        { "null nested value", Stack("ipfs-infra:profile: dev", "ipfs-infra:replication:", "  min: ~"), [$"{FileName}: ipfs-infra:replication.min = null"] },
        { "boolean given as yes", Stack("ipfs-infra:profile: dev", "ipfs-infra:protect: yes"), [$"{FileName}: ipfs-infra:protect = yes", "true or false"] },
        { "REST API user with ':'", Stack("ipfs-infra:profile: dev", "ipfs-infra:restApi:", "  user: 'a:b'"), [$"{FileName}: ipfs-infra:restApi.user = a:b"] },
        { "config is a list", "config:\n  - ipfs-infra:profile: dev\n", [$"{FileName}: config: must be a map"] },
    };

    [Theory]
    [MemberData(nameof(BadStacks))]
    public void BadStack_IsRejectedNamingTheKey(string because, string yaml, string[] expected)
    {
        var error = LoadFails(yaml);

        foreach (var text in expected)
            Assert.True(error.Message.Contains(text, StringComparison.Ordinal), $"{because}: expected \"{text}\" in:\n{error.Message}");
    }

    [Fact]
    public void YamlSyntaxError_IsOneProblemOfTheFileWithLineAndColumn()
    {
        var error = LoadFails("config:\n  ipfs-infra:profile: dev\n   ipfs-infra:peers: 3\n");

        var problem = Assert.Single(error.Problems);
        Assert.Equal(FileName, problem.Source);
        Assert.Matches(@"^is not valid YAML at line 3, column \d+: ", problem.Message);
    }

    [Fact]
    public void UnclosedFlowSequenceBeforeMoreKeys_IsAConfigProblemNotACrash()
    {
        var error = LoadFails("config:\n  ipfs-infra:profile: dev\n  ipfs-infra:peers: [3\n  ipfs-infra:name: x\n");

        var problem = Assert.Single(error.Problems);
        Assert.Equal(FileName, problem.Source);
        Assert.Equal("config", problem.Key);
    }

    [Fact]
    public void NonScalarKey_IsAConfigProblemNotACrash()
    {
        var error = LoadFails("config:\n  ipfs-infra:profile: dev\n  ? [a, b]\n  : 3\n");

        Assert.Contains(FileName, error.Message);
    }

    [Fact]
    public void DigestPinnedImage_IsAccepted()
    {
        var spec = Load(Stack("ipfs-infra:profile: dev", "ipfs-infra:images:", $"  kubo: ipfs/kubo@{Digest}", $"  cluster: ipfs/ipfs-cluster:v1.1.6@{Digest}"));

        Assert.Equal($"ipfs/kubo@{Digest}", spec.Images.Kubo);
        Assert.Equal($"ipfs/ipfs-cluster:v1.1.6@{Digest}", spec.Images.Cluster);
    }

    [Fact]
    public void TaggedImageFromRegistryWithPort_IsAccepted()
    {
        var spec = Load(Stack("ipfs-infra:profile: dev", "ipfs-infra:images:", "  kubo: registry.local:5000/ipfs/kubo:v0.42.0"));

        Assert.Equal("registry.local:5000/ipfs/kubo:v0.42.0", spec.Images.Kubo);
    }

    [Fact]
    public void SeveralProblems_AreReportedTogetherInOneException()
    {
        var error = LoadFails(Stack(
            "ipfs-infra:profile: dev",
            "ipfs-infra:peers: 0",
            "ipfs-infra:namespace: Bad_NS",
            "ipfs-infra:images:",
            "  kubo: ipfs/kubo:latest",
            "ipfs-infra:storage:",
            "  dataSize: 10GB",
            "ipfs-infra:colour: blue"));

        Assert.Equal(5, error.Problems.Count);
        Assert.Contains("(5 problems)", error.Message);
        foreach (var key in new[] { "peers", "namespace", "images.kubo", "storage.dataSize", "colour" })
        {
            Assert.Contains(error.Problems, p => p.Key == $"ipfs-infra:{key}" && p.Source == FileName);
            Assert.Contains($"{FileName}: ipfs-infra:{key} = ", error.Message);
        }
    }

    [Fact]
    public void SeveralCrossKeyProblems_AreReportedTogetherInOneException()
    {
        var error = LoadFails(Stack(
            "ipfs-infra:profile: dev",
            "ipfs-infra:replication:",
            "  min: 3",
            "  max: 2",
            "ipfs-infra:resources:",
            "  kubo:",
            "    requests:",
            "      cpu: 2",
            "      memory: 4Gi"));

        Assert.Equal(
            ["ipfs-infra:replication.min", "ipfs-infra:resources.kubo.requests.cpu", "ipfs-infra:resources.kubo.requests.memory"],
            error.Problems.Select(p => p.Key).ToArray());
    }

    [Fact]
    public void KeyProblemsAndCrossKeyProblems_AreReportedTogetherInOneException()
    {
        var error = LoadFails(Stack(
            "ipfs-infra:profile: dev",
            "ipfs-infra:namespace: Bad_NS",
            "ipfs-infra:replication:",
            "  min: 3",
            "  max: 2"));

        Assert.Equal(["ipfs-infra:namespace", "ipfs-infra:replication.min"], error.Problems.Select(p => p.Key).ToArray());
    }

    [Fact]
    public void SecretFromPulumiOnKeyThatMayNotBeSecret_IsRejectedWithoutShowingTheValue()
    {
        var config = new StackConfig("Pulumi config",
            new Dictionary<string, JsonNode?> { ["profile"] = "dev", ["namespace"] = "hidden-value-42" },
            new HashSet<string> { "namespace" });

        var error = Assert.Throws<ConfigValidationException>(() => ClusterSpecLoader.Load(config));

        Assert.Contains("Pulumi config: ipfs-infra:namespace = [secret]", error.Message);
        Assert.DoesNotContain("hidden-value-42", error.Message);
    }

    // ---------------------------------------------------------------------------------------
    // Good inputs.
    // ---------------------------------------------------------------------------------------

    [Fact]
    public void DevDefaults_AreTheDevProfile()
    {
        var spec = ClusterSpecDefaults.For(Profile.Dev);

        Assert.Equal(Profile.Dev, spec.Profile);
        Assert.Equal("ipfs-dev", spec.Namespace);
        Assert.Equal("ipfs", spec.Name);
        Assert.Equal(3, spec.Peers);
        Assert.Equal(new ImageSpec(ConfigSchema.DefaultKuboImage, ConfigSchema.DefaultClusterImage), spec.Images);
        Assert.Equal(new ReplicationSpec(1, 2), spec.Replication);
        Assert.Equal(new ClusterTuningSpec(10, 0, "1m", false), spec.Cluster);
        Assert.Equal(new ContainerResourcesSpec("250m", "512Mi", "1", "2Gi"), spec.Resources.Kubo);
        Assert.Equal(new ContainerResourcesSpec("100m", "128Mi", "500m", "512Mi"), spec.Resources.Cluster);
        Assert.Equal(("ipfs-local-path", "10Gi", "1Gi", StoragePlatform.Local, "Delete"),
            (spec.Storage.ClassName, spec.Storage.DataSize, spec.Storage.StateSize, spec.Storage.Platform, spec.Storage.ReclaimPolicy));
        Assert.False(spec.Storage.Backup.Enabled || spec.Storage.Snapshots.Enabled);
        Assert.False(spec.Network.PrivateSwarm);
        Assert.Equal(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"], spec.Network.ClusterCidrs);
        Assert.Equal(new AvailabilitySpec(false, false), spec.Availability);
        Assert.False(spec.Protect);
        Assert.Equal(new RestApiSpec("admin", 0), spec.RestApi);
        Assert.Equal(new KubernetesTargetSpec(null, null), spec.Kubernetes);
    }

    [Fact]
    public void ProdDefaults_AreTheProdProfile()
    {
        var spec = ClusterSpecDefaults.For(Profile.Prod);

        Assert.Equal(Profile.Prod, spec.Profile);
        Assert.Equal("ipfs", spec.Namespace);
        Assert.Equal(3, spec.Peers);
        Assert.Equal(new ReplicationSpec(2, 3), spec.Replication);
        Assert.Equal(new ClusterTuningSpec(10, 100, "1m", false), spec.Cluster);
        Assert.Equal(new ContainerResourcesSpec("2", "8Gi", "4", "8Gi"), spec.Resources.Kubo);
        Assert.Equal(new ContainerResourcesSpec("500m", "1Gi", "1", "2Gi"), spec.Resources.Cluster);
        Assert.Equal(("fast-ssd", "100Gi", "10Gi", StoragePlatform.Gke, "Retain"),
            (spec.Storage.ClassName, spec.Storage.DataSize, spec.Storage.StateSize, spec.Storage.Platform, spec.Storage.ReclaimPolicy));
        Assert.True(spec.Storage.Backup.Enabled && spec.Storage.Snapshots.Enabled);
        Assert.Equal(new AvailabilitySpec(true, true), spec.Availability);
        Assert.True(spec.Protect);
        Assert.Empty(ClusterSpecLoader.Validate(spec));
    }

    [Fact]
    public void StackWithOnlyProfile_EqualsClusterSpecDefaults()
    {
        var spec = Load(Stack("ipfs-infra:profile: prod"));
        var defaults = ClusterSpecDefaults.For(Profile.Prod);

        // ClusterSpec holds lists (compared by reference by records), so compare field by field.
        Assert.Equal(defaults with { Network = spec.Network }, spec);
        Assert.Equal(defaults.Network.ClusterCidrs, spec.Network.ClusterCidrs);
    }

    [Fact]
    public void NestedOverride_MergesWithProfileDefaults()
    {
        var spec = Load(Stack("ipfs-infra:profile: dev", "ipfs-infra:resources:", "  kubo:", "    limits:", "      memory: 4Gi"));

        Assert.Equal(new ContainerResourcesSpec("250m", "512Mi", "1", "4Gi"), spec.Resources.Kubo);
        Assert.Equal(ClusterSpecDefaults.For(Profile.Dev).Resources.Cluster, spec.Resources.Cluster);
    }

    [Fact]
    public void ScalarsWrittenAsYamlStrings_ParseLikePlainScalars()
    {
        var spec = Load(Stack("ipfs-infra:profile: dev", "ipfs-infra:peers: \"5\"", "ipfs-infra:protect: 'true'"));

        Assert.Equal(5, spec.Peers);
        Assert.True(spec.Protect);
    }

    [Fact]
    public void UnprefixedKey_IsReadAsTheProjectsOwn()
    {
        // Pulumi rewrites an unprefixed stack key to <project>:<key> (LoadProjectStackBytes).
        var spec = Load(Stack("profile: dev", "peers: 5"));

        Assert.Equal(5, spec.Peers);
    }

    [Fact]
    public void KeysOfOtherNamespaces_AreIgnored()
    {
        var spec = Load(Stack(
            "pulumi:disable-default-providers:",
            "  - kubernetes",
            "kubernetes:context: some-other-context",
            "kubernetes:namespace: Not_A_Valid_Name",
            "ipfs-infra:profile: dev"));

        Assert.Equal(ClusterSpecDefaults.For(Profile.Dev).Namespace, spec.Namespace);
        Assert.Null(spec.Kubernetes.Context);
    }

    [Fact]
    public void KubernetesContext_IsRead()
    {
        var spec = Load(Stack("ipfs-infra:profile: dev", "ipfs-infra:kubernetes:", "  context: kind-ipfs"));

        Assert.Equal("kind-ipfs", spec.Kubernetes.Context);
    }

    [Fact]
    public void EncryptedKubeconfig_IsAcceptedAsSecretWithoutPlaintext()
    {
        var spec = Load(Stack("ipfs-infra:profile: dev", "ipfs-infra:kubernetes:", "  kubeconfig:", "    secure: v1:AAABADQXFlU0mxC7kV8="));

        var kubeconfig = Assert.IsType<SecretString>(spec.Kubernetes.Kubeconfig);
        Assert.Null(kubeconfig.Plaintext);
        Assert.Equal("[secret]", kubeconfig.ToString());
    }

    [Fact]
    public void PlainKubeconfig_IsKeptButNeverPrinted()
    {
        var spec = Load(Stack("ipfs-infra:profile: dev", "ipfs-infra:kubernetes:", "  kubeconfig: /home/me/.kube/config"));

        Assert.Equal("/home/me/.kube/config", spec.Kubernetes.Kubeconfig!.Plaintext);
        Assert.Equal("[secret]", spec.Kubernetes.Kubeconfig.ToString());
        Assert.DoesNotContain("/home/me/.kube/config", spec.Kubernetes.ToString());
    }

    [Fact]
    public void EveryProfileDefault_ParsesWithItsOwnFieldType()
    {
        foreach (var field in ConfigSchema.Fields)
        {
            foreach (var profile in Enum.GetValues<Profile>())
            {
                var node = field.DefaultFor(profile);
                if (node is null)
                {
                    Assert.True(field.Required || field.Path.StartsWith("kubernetes.", StringComparison.Ordinal),
                        $"{field.Path} has no {profile} default but is neither required nor a provider setting");
                    continue;
                }
                Assert.True(field.Type.TryParse(node, out _, out var error), $"{profile} default of {field.Path} ({node.ToJsonString()}) is invalid: {error}");
            }
        }
    }

    [Fact]
    public void EveryProfileDefault_PassesCrossKeyValidation()
    {
        foreach (var profile in Enum.GetValues<Profile>())
            Assert.Empty(ClusterSpecLoader.Validate(ClusterSpecDefaults.For(profile)));
    }

    // ---------------------------------------------------------------------------------------
    // The repository's own stack files.
    // ---------------------------------------------------------------------------------------

    private static string ProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
                return dir.FullName;
        throw new InvalidOperationException($"No Pulumi.yaml at or above {AppContext.BaseDirectory}.");
    }

    [Theory]
    [InlineData("dev", Profile.Dev)]
    [InlineData("prod", Profile.Prod)]
    public void RepositoryStackFile_LoadsWithoutProblems(string stack, Profile profile)
    {
        var spec = ClusterSpecLoader.Load(StackFileReader.Read(Path.Combine(ProjectDirectory(), $"Pulumi.{stack}.yaml")));

        Assert.Equal(profile, spec.Profile);
        Assert.Empty(ClusterSpecLoader.Validate(spec));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void RepositoryStackFile_DisablesTheDefaultKubernetesProvider(string stack)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(ProjectDirectory(), $"Pulumi.{stack}.yaml")))
            yaml.Load(reader);
        var config = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["config"];

        var disabled = Assert.IsType<YamlSequenceNode>(config["pulumi:disable-default-providers"]);
        Assert.Contains(disabled.Children, n => n is YamlScalarNode { Value: "kubernetes" or "*" });
    }
}
