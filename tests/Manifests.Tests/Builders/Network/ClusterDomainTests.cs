using System.Text.RegularExpressions;
using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Builders.Storage;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Spec;
using k8s.Models;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.Network;

/// <summary>
/// network.clusterDomain: every in-cluster address of the render ends in the configured domain, every
/// address is a <c>/dns/</c> multiaddr (A and AAAA records), and a domain DNS cannot hold is refused.
/// </summary>
public sealed partial class ClusterDomainTests : IDisposable
{
    private const string FileName = "Pulumi.test.yaml";
    private const string Domain = "k8s.example.org";
    private readonly TempStackFile _stackFile = new(FileName);

    public void Dispose() => _stackFile.Dispose();

    private static string Stack(string profile, params string[] lines) =>
        $"config:\n  ipfs-infra:profile: {profile}\n" + string.Concat(lines.Select(l => "  " + l + "\n"));

    /// <summary>prod (backups and snapshots on) and a private swarm, both with a non-default cluster domain.</summary>
    public static TheoryData<string> Scenarios => new(["prod", "private"]);

    private static ClusterSpec WithDomain(string scenario)
    {
        var spec = NetworkScenarios.For(scenario);
        return spec with { Network = spec.Network with { ClusterDomain = Domain } };
    }

    private static string RenderedText(ClusterSpec spec) =>
        ManifestRenderer.Documents(ClusterManifest.Build(spec, TestSpecs.Material(spec)).SelectMany(c => c.Objects));

    [Fact]
    public void TheDefaultDomainIsClusterLocalInBothProfiles()
    {
        Assert.Equal("cluster.local", TestSpecs.Dev.Network.ClusterDomain);
        Assert.Equal("cluster.local", TestSpecs.Prod.Network.ClusterDomain);
        Assert.Equal("/dns/ipfs-0.ipfs-peers.ipfs.svc.cluster.local/tcp/4001", PeerAddressesBuilder.KuboPeerAddress(TestSpecs.Prod, 0));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void EveryInClusterAddressOfTheRenderEndsInTheConfiguredDomain(string scenario)
    {
        var spec = WithDomain(scenario);
        var text = RenderedText(spec);

        Assert.DoesNotContain("cluster.local", text, StringComparison.Ordinal);
        var names = ServiceDnsName().Matches(text).Select(m => m.Value).ToList();
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.EndsWith($".{spec.Namespace}.svc.{Domain}", name, StringComparison.Ordinal));
        // Each consumer of an address: the peer directory (cluster peers and kubo Peering.Peers) and the pinset jobs' REST API address.
        Assert.Contains($"/dns/ipfs-2.ipfs-peers.ipfs.svc.{Domain}/tcp/9096/p2p/", text, StringComparison.Ordinal);
        Assert.Contains($"/dns/ipfs-2.ipfs-peers.ipfs.svc.{Domain}/tcp/4001", text, StringComparison.Ordinal);
        Assert.Equal($"/dns/ipfs-peers.ipfs.svc.{Domain}/tcp/9094", StorageScripts.ApiHost(spec));
        Assert.Contains(StorageScripts.ApiHost(spec), text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void NoMultiaddrOfTheRenderIsLimitedToOneAddressFamily(string scenario)
    {
        var text = RenderedText(WithDomain(scenario));

        Assert.DoesNotMatch("/dns4/|/dns6/", text);
        Assert.Matches("/dns/", text);
    }

    [Fact]
    public void EveryPeerDirectoryLineUsesTheDomain()
    {
        var spec = WithDomain("prod");
        var directory = ClusterManifest.Build(spec, TestSpecs.Material(spec)).SelectMany(c => c.Objects).OfType<V1ConfigMap>()
            .Single(c => c.Metadata.Name == spec.Names.PeerAddresses);

        foreach (var key in new[] { PeerAddressesBuilder.ClusterPeersKey, PeerAddressesBuilder.KuboPeersKey })
        {
            var lines = directory.Data[key].Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(spec.Peers, lines.Length);
            Assert.All(lines, line => Assert.StartsWith($"/dns/{spec.Names.Pod(int.Parse(line.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))}.ipfs-peers.ipfs.svc.{Domain}/tcp/",
                line.Split(' ')[2], StringComparison.Ordinal));
        }
    }

    [Fact]
    public void TheDomainIsReadFromTheStackFile()
    {
        var spec = _stackFile.Load(Stack("prod", "ipfs-infra:network:", "  clusterDomain: corp.k8s.internal"));

        Assert.Equal("corp.k8s.internal", spec.Network.ClusterDomain);
        Assert.Equal("ipfs-0.ipfs-peers.ipfs.svc.corp.k8s.internal", spec.Names.PodDns(0));
    }

    /// <summary>(because, the value as the stack file writes it, why it is refused).</summary>
    public static TheoryData<string, string, string> BadDomains => new()
    {
        { "trailing dot", "'cluster.local.'", "'cluster.local.' ends with a dot: write it without the trailing dot (cluster.local)" },
        { "upper case", "Cluster.Local", "its label 'Cluster' must consist of lower-case letters, digits and '-'" },
        { "underscore", "my_cluster.local", "its label 'my_cluster' must consist of lower-case letters" },
        { "label ending in a hyphen", "cluster-.local", "its label 'cluster-' must consist of" },
        { "empty label", "cluster..local", "has an empty label" },
        { "leading dot", ".cluster.local", "has an empty label" },
        { "label of 64 characters", new string('a', 64) + ".local", $"its label '{new string('a', 64)}' is 64 characters long, beyond DNS's 63" },
        { "IP address", "10.0.0.1", "'10.0.0.1' is an IP address, not a domain" },
        { "more than 253 characters", string.Join('.', Enumerable.Repeat(new string('a', 63), 4)), "is 255 characters long, beyond DNS's 253" },
        { "empty", "''", "must be a DNS domain such as cluster.local: it is empty" },
        { "a list", "[cluster.local]", "must be a DNS domain such as cluster.local: it must be one name, not a list or a map" },
    };

    [Theory]
    [MemberData(nameof(BadDomains))]
    public void ADomainThatIsNoDnsDomainIsRefusedNamingFileKeyValueAndWhy(string because, string written, string why)
    {
        var error = Assert.Throws<ConfigValidationException>(() => _stackFile.Load(Stack("dev", "ipfs-infra:network:", $"  clusterDomain: {written}")));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("ipfs-infra:network.clusterDomain", problem.Key);
        Assert.True(error.Message.Contains($"{FileName}: ipfs-infra:network.clusterDomain = ", StringComparison.Ordinal), $"{because}:\n{error.Message}");
        Assert.True(error.Message.Contains("must be a DNS domain such as cluster.local: ", StringComparison.Ordinal), $"{because}:\n{error.Message}");
        Assert.True(error.Message.Contains(why, StringComparison.Ordinal), $"{because}: expected \"{why}\" in:\n{error.Message}");
    }

    [Fact]
    public void ADomainThatMakesAPodAddressLongerThanDnsAllowsIsRefused()
    {
        // Name 30, namespace 63, 1000 peers: <name>-999 (34), <name>-peers (36), the namespace (63), svc and four dots leave 253 - 140 = 113 for the domain.
        var name = new string('n', 30);
        var ns = new string('s', 63);
        var fits = string.Join('.', new string('d', 63), new string('d', 49));
        var tooLong = fits + "d";
        string Yaml(string domain) => Stack("dev", $"ipfs-infra:name: {name}", $"ipfs-infra:namespace: {ns}", "ipfs-infra:peers: 1000",
            "ipfs-infra:replication:", "  max: 2", "ipfs-infra:network:", $"  clusterDomain: {domain}");

        Assert.Equal(253, _stackFile.Load(Yaml(fits)).Names.PodDns(999).Length);
        var error = Assert.Throws<ConfigValidationException>(() => _stackFile.Load(Yaml(tooLong)));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("ipfs-infra:network.clusterDomain", problem.Key);
        Assert.Contains($"makes pod 999's address {name}-999.{name}-peers.{ns}.svc.{tooLong} 254 characters long, beyond DNS's 253", error.Message, StringComparison.Ordinal);
        Assert.Contains("the domain may have at most 113 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADomainSetInCodeIsCheckedToo()
    {
        var spec = TestSpecs.Dev with { Network = TestSpecs.Dev.Network with { ClusterDomain = "cluster.local." } };

        var problem = Assert.Single(ClusterSpecLoader.Validate(spec));
        Assert.Equal("ipfs-infra:network.clusterDomain", problem.Key);
        Assert.Contains("ends with a dot", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheConfigReferenceDocumentsTheDomainWithItsDefault() =>
        Assert.Contains("| `ipfs-infra:network.clusterDomain` | DNS domain (RFC 1123 labels, no trailing dot) | `cluster.local` | `cluster.local` |",
            ConfigReference.Markdown(), StringComparison.Ordinal);

    /// <summary>A DNS name with a .svc. label: a Service or pod address inside the Kubernetes cluster.</summary>
    [GeneratedRegex(@"[a-z0-9][a-z0-9.-]*\.svc\.[a-z0-9.-]*[a-z0-9]")]
    private static partial Regex ServiceDnsName();
}
