using Ipfs.Manifests.Config;
using Xunit;

namespace Ipfs.Manifests.Tests.Config;

/// <summary>
/// Mistakes Pulumi itself would pass over silently (and so prod would render with defaults) are
/// problems with a did-you-mean; a file of the wrong shape says what shape is expected.
/// </summary>
public sealed class StrictStackFileTests : IDisposable
{
    private const string FileName = "Pulumi.test.yaml";
    private readonly TempStackFile _stackFile = new(FileName);

    public void Dispose() => _stackFile.Dispose();

    private ConfigValidationException LoadFails(string yaml) =>
        Assert.Throws<ConfigValidationException>(() => _stackFile.Load(yaml));

    public static TheoryData<string, string, string[]> Mistakes => new()
    {
        { "misspelt project namespace", "config:\n  ipfs-infra:profile: prod\n  ipfs-infr:peers: 5\n",
            [$"{FileName}: ipfs-infr:peers: line 3: is in an unknown namespace and would be ignored; did you mean ipfs-infra:peers?"] },
        { "namespace with an underscore", "config:\n  ipfs-infra:profile: prod\n  ipfs_infra:replication:\n    min: 2\n",
            ["ipfs_infra:replication: line 3: is in an unknown namespace", "did you mean ipfs-infra:replication?"] },
        { "namespace in capitals", "config:\n  ipfs-infra:profile: prod\n  IPFS-INFRA:peers: 5\n", ["IPFS-INFRA:peers: line 3: is in an unknown namespace"] },
        { "our key at the top level", "config:\n  ipfs-infra:profile: prod\nipfs-infra:peers: 5\n",
            [$"{FileName}: ipfs-infra:peers: line 3: is a config key outside config: (Pulumi would ignore it); indent it under config:"] },
        { "unprefixed key at the top level", "config:\n  ipfs-infra:profile: prod\npeers: 5\n", ["peers: line 3: is a config key outside config:"] },
        { "misspelt key at the top level", "config:\n  ipfs-infra:profile: prod\nipfs-infr:peers: 5\n",
            ["ipfs-infr:peers: line 3: is a config key outside config:", "did you mean ipfs-infra:peers?"] },
        { "another provider's key at the top level", "config:\n  ipfs-infra:profile: prod\nkubernetes:context: kind\n", ["kubernetes:context: line 3: is a config key outside config:"] },
        { "misspelt config:", "confg:\n  ipfs-infra:profile: prod\n",
            [$"{FileName}: confg: line 1: is not a stack file key; did you mean config?", $"{FileName}: config: is missing; a stack file is a YAML map whose config: map holds the keys"] },
        { "stack file that is a list", "- ipfs-infra:profile: prod\n", [$"{FileName}: (file): is a list; a stack file is a YAML map whose config: map holds the keys"] },
        { "stack file that is a single value", "ipfs-infra:profile prod\n", [$"{FileName}: (file): is a single value; a stack file is a YAML map"] },
        { "stack file without config:", "secretsprovider: passphrase\n", [$"{FileName}: config: is missing; a stack file is a YAML map"] },
        { "empty stack file", "", [$"{FileName}: config: is missing"] },
        { "config: that is a single value", "config: ipfs-infra:profile=prod\n", [$"{FileName}: config: is a single value; it must be a map of keys such as ipfs-infra:peers: 3"] },
        { "two YAML documents", "config:\n  ipfs-infra:profile: prod\n---\nconfig:\n  ipfs-infra:peers: 5\n", [$"{FileName}: (file): holds 2 YAML documents"] },
        { "config: set twice", "config:\n  ipfs-infra:profile: prod\nconfig:\n  ipfs-infra:peers: 5\n", [$"{FileName}: config: is set twice (lines 1 and 3)"] },
        { "a key set twice", "config:\n  ipfs-infra:profile: prod\n  ipfs-infra:peers: 3\n  ipfs-infra:peers: 5\n", [$"{FileName}: ipfs-infra:peers: is set twice (lines 3 and 4"] },
        { "a key set with and without the prefix", "config:\n  ipfs-infra:profile: prod\n  peers: 3\n  ipfs-infra:peers: 5\n", ["ipfs-infra:peers: is set twice (lines 3 and 4"] },
        { "a nested key set twice", "config:\n  ipfs-infra:profile: prod\n  ipfs-infra:replication:\n    min: 2\n    min: 3\n",
            [$"{FileName}: ipfs-infra:replication.min: is set twice (lines 4 and 5); keep one"] },
        { "tab as indentation on line 3", "config:\n  ipfs-infra:profile: dev\n\tipfs-infra:peers: 3\n", [$"{FileName}: config: is not valid YAML at line 3, column 1:"] },
        { "tab before a list item on line 4", "config:\n  ipfs-infra:profile: dev\n  ipfs-infra:network:\n\t  clusterCidrs: [10.0.0.0/8]\n", ["is not valid YAML at line 4, column 1:"] },
        { "tab after a value on line 3", "config:\n  ipfs-infra:profile: dev\n  ipfs-infra:peers: 3\n\t  ipfs-infra:name: x\n", ["is not valid YAML at line 4, column 1:"] },
        { "unclosed quote", "config:\n  ipfs-infra:profile: dev\n  ipfs-infra:name: \"ipfs\n", ["is not valid YAML at line 3, column 20:"] },
        { "alias to no anchor", "config:\n  ipfs-infra:profile: dev\n  ipfs-infra:peers: *three\n", ["is not valid YAML at line 3, column 21: alias *three refers to no anchor defined before it"] },
        { "nesting deeper than any key", "config:\n  ipfs-infra:profile: dev\n  ipfs-infra:x: " + new string('[', 40) + new string(']', 40) + "\n",
            [$"is not valid YAML at line 3, column {17 + YamlTree.MaxDepth - 2}: nests deeper than {YamlTree.MaxDepth} levels"] },
        { "alias bomb", "config:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n", [$"expands to more than {YamlTree.MaxNodes} values"] },
        { "memory limit in milli-bytes", "config:\n  ipfs-infra:profile: dev\n  ipfs-infra:resources:\n    kubo:\n      limits:\n        memory: 4096m\n",
            [$"{FileName}: ipfs-infra:resources.kubo.limits.memory = 4096m: is in thousandths of a byte (the m suffix): 4096m is 4.096 bytes; write Mi or Gi, e.g. 4096Mi"] },
        { "memory request in plain bytes below the floor", "config:\n  ipfs-infra:profile: dev\n  ipfs-infra:resources:\n    cluster:\n      requests:\n        memory: 4096\n",
            ["ipfs-infra:resources.cluster.requests.memory = 4096: must be at least 32Mi"] },
        { "memory request in Ki below the floor", "config:\n  ipfs-infra:profile: dev\n  ipfs-infra:resources:\n    kubo:\n      requests:\n        memory: 512Ki\n",
            ["ipfs-infra:resources.kubo.requests.memory = 512Ki: must be at least 32Mi"] },
        { "memory limit of a fraction of a byte", "config:\n  ipfs-infra:profile: dev\n  ipfs-infra:resources:\n    cluster:\n      limits:\n        memory: 0.5\n",
            ["ipfs-infra:resources.cluster.limits.memory = 0.5: must be a whole number of bytes"] },
        { "volume size in milli-bytes", "config:\n  ipfs-infra:profile: dev\n  ipfs-infra:storage:\n    dataSize: 10000m\n",
            ["ipfs-infra:storage.dataSize = 10000m: is in thousandths of a byte (the m suffix)"] },
        { "duration beyond Go's range", "config:\n  ipfs-infra:profile: dev\n  ipfs-infra:cluster:\n    crdtBatchMaxAge: 9999999999999h\n",
            ["ipfs-infra:cluster.crdtBatchMaxAge = 9999999999999h: must be a Go duration"] },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Mistake_IsAProblemSayingWhatIsExpected(string because, string yaml, string[] expected)
    {
        var error = LoadFails(yaml);

        foreach (var text in expected)
            Assert.True(error.Message.Contains(text, StringComparison.Ordinal), $"{because}: expected \"{text}\" in:\n{error.Message}");
    }

    [Fact]
    public void BytesThatAreNotUtf8_AreAYamlErrorAtTheirPosition()
    {
        var path = _stackFile.Write("");
        File.WriteAllBytes(path, [.. "config:\n  ipfs-infra:profile: dev\n  ipfs-infra:name: ab"u8, 0xff, .. "\n"u8]);

        var error = Assert.Throws<ConfigValidationException>(() => StackFileReader.Read(path));

        Assert.Equal($"{FileName}: config: is not valid YAML at line 3, column 22: the file is not UTF-8 text here", Assert.Single(error.Problems).ToString());
    }

    [Fact]
    public void ByteOrderMark_IsRead()
    {
        var path = _stackFile.Write("");
        File.WriteAllBytes(path, [0xef, 0xbb, 0xbf, .. "config:\n  ipfs-infra:profile: dev\n"u8]);

        Assert.Equal(Profile.Dev, ClusterSpecLoader.Load(StackFileReader.Read(path)).Profile);
    }

    [Fact]
    public void EveryMemoryKey_RefusesMilliBytesAndValuesBelowTheFloor()
    {
        var memoryKeys = ConfigSchema.Fields.Where(f => f.Path.EndsWith(".memory", StringComparison.Ordinal)).Select(f => f.Path).ToList();
        Assert.Equal(4, memoryKeys.Count);

        foreach (var key in memoryKeys)
        {
            var field = ConfigSchema.ByPath[key];
            Assert.False(field.Type.TryParse("4096m", out _, out _), $"{key} accepts 4096m");
            Assert.False(field.Type.TryParse("31Mi", out _, out _), $"{key} accepts 31Mi");
            Assert.True(field.Type.TryParse(ConfigSchema.MemoryFloor, out _, out _), $"{key} refuses {ConfigSchema.MemoryFloor}");
            Assert.True(field.Type.TryParse("1.5Gi", out _, out _), $"{key} refuses 1.5Gi");
        }
    }

    [Fact]
    public void DuplicateKey_DoesNotStopValidationOfTheRest()
    {
        var error = LoadFails(
            "config:\n" +
            "  ipfs-infra:profile: prod\n" +
            "  ipfs-infra:peers: 3\n" +
            "  ipfs-infra:peers: 4\n" +
            "  ipfs-infra:namespace: Bad_NS\n" +
            "  ipfs-infr:name: x\n" +
            "  ipfs-infra:resources:\n" +
            "    kubo:\n" +
            "      limits:\n" +
            "        memory: 4096m\n" +
            "ipfs-infra:protect: false\n");

        Assert.Equal(
            ["ipfs-infr:name", "ipfs-infra:namespace", "ipfs-infra:peers", "ipfs-infra:protect", "ipfs-infra:resources.kubo.limits.memory"],
            error.Problems.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("(5 problems)", error.Message);
    }

    [Fact]
    public void KeysOfOtherPulumiNamespacesAndStackFileKeys_AreAllowed()
    {
        var spec = _stackFile.Load(
            "secretsprovider: passphrase\n" +
            "encryptionsalt: v1:abc\n" +
            "config:\n" +
            "  pulumi:disable-default-providers: [kubernetes]\n" +
            "  kubernetes:namespace: Anything_Goes_Here\n" +
            "  random:seed: 1\n" +
            "  ipfs-infra:profile: dev\n" +
            "  ipfs-infra:config:peers: 5\n");

        Assert.Equal(5, spec.Peers);
    }

    [Fact]
    public void LayoutProblemsForPulumi_AreWhatPulumiPassesOverAndNeverAMissingConfig()
    {
        Assert.Empty(StackFileReader.LayoutProblems(_stackFile.Write("secretsprovider: passphrase\nenvironment: [prod-secrets]\n")));

        var problems = StackFileReader.LayoutProblems(_stackFile.Write("config:\n  ipfs-infr:peers: 5\n  ipfs-infra:peers: x\nipfs-infra:protect: true\nconfg: {}\n"));

        Assert.Equal(["confg", "ipfs-infr:peers", "ipfs-infra:protect"], problems.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EmptyConfigMap_SaysOnlyThatTheProfileIsRequired()
    {
        var problem = Assert.Single(LoadFails("config:\n").Problems);

        Assert.Equal("ipfs-infra:profile", problem.Key);
    }

    [Fact]
    public void AnchorsAndAliases_AreRead()
    {
        var spec = _stackFile.Load("config:\n  ipfs-infra:profile: dev\n  ipfs-infra:peers: &n 4\n  ipfs-infra:replication: {min: 2, max: *n}\n");

        Assert.Equal((4, 2, 4), (spec.Peers, spec.Replication.Min, spec.Replication.Max));
    }
}
