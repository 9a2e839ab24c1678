using Ipfs.Manifests.Config;
using Ipfs.Manifests.Spec;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.Network;

/// <summary>The network.* keys: how stack files set them, and every combination that cannot work refused with file, key, value and what is allowed.</summary>
public sealed class NetworkConfigTests : IDisposable
{
    private const string FileName = "Pulumi.test.yaml";
    private readonly TempStackFile _stackFile = new(FileName);

    public void Dispose() => _stackFile.Dispose();

    private static string Stack(string profile, params string[] networkLines) =>
        $"config:\n  ipfs-infra:profile: {profile}\n" + (networkLines.Length == 0 ? "" : "  ipfs-infra:network:\n" + string.Concat(networkLines.Select(l => "    " + l + "\n")));

    private ClusterSpec Load(string yaml) => _stackFile.Load(yaml);

    [Fact]
    public void ProfilesExposeNothingAndNameNoClients()
    {
        foreach (var profile in new[] { Profile.Dev, Profile.Prod })
        {
            var network = ClusterSpecDefaults.For(profile).Network;
            Assert.Equal(SwarmExposure.None, network.Exposure);
            Assert.Empty(network.Api.ClientNamespaces);
            Assert.Empty(network.Api.ClientPodSelector);
            Assert.Null(network.GatewayNamespace);
            Assert.Equal(IngressSpec.Disabled, network.Ingress);
            Assert.Equal(new NodePortExposureSpec(30401, []), network.NodePort);
            Assert.Equal(new LoadBalancerExposureSpec([], null, new Dictionary<string, string>()), network.LoadBalancer);
        }
    }

    [Fact]
    public void EveryNetworkKeyIsReadFromTheStackFile()
    {
        var spec = Load(Stack("prod",
            "exposure: loadBalancer",
            "nodePort:",
            "  basePort: 31000",
            "  nodeAddresses: [35.200.1.1]",
            "loadBalancer:",
            "  addresses: [34.120.0.10, 34.120.0.11, '2600:1900::12']",
            "  addressAnnotation: metallb.universe.tf/loadBalancerIPs",
            "  annotations:",
            "    metallb.universe.tf/address-pool: public",
            "api:",
            "  clientNamespaces: [apps, batch]",
            "  clientPodSelector:",
            "    example.com/ipfs-client: 'true'",
            "gateway:",
            "  namespace: ingress-nginx",
            "ingress:",
            "  enabled: true",
            "  className: nginx",
            "  host: ipfs.example.com",
            "  tlsSecret: ipfs-gateway-tls"));

        var network = spec.Network;
        Assert.Equal(SwarmExposure.LoadBalancer, network.Exposure);
        Assert.Equal(new NodePortExposureSpec(31000, ["35.200.1.1"]), network.NodePort);
        Assert.Equal(["34.120.0.10", "34.120.0.11", "2600:1900::12"], network.LoadBalancer.Addresses);
        Assert.Equal("metallb.universe.tf/loadBalancerIPs", network.LoadBalancer.AddressAnnotation);
        Assert.Equal("public", network.LoadBalancer.Annotations["metallb.universe.tf/address-pool"]);
        Assert.Equal(["apps", "batch"], network.Api.ClientNamespaces);
        Assert.Equal("true", network.Api.ClientPodSelector["example.com/ipfs-client"]);
        Assert.Equal("ingress-nginx", network.GatewayNamespace);
        Assert.Equal(new IngressSpec(true, "nginx", "ipfs.example.com", "ipfs-gateway-tls"), network.Ingress);
        Assert.Empty(ClusterSpecLoader.Validate(spec));
    }

    [Fact]
    public void TheSpecComparesListsAndMapsByContent()
    {
        var a = ClusterSpecDefaults.For(Profile.Prod);
        var b = ClusterSpecDefaults.For(Profile.Prod);

        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { Network = b.Network with { Api = new ApiAccessSpec(["apps"], new Dictionary<string, string>()) } });
        Assert.NotEqual(a, b with { Network = b.Network with { ClusterCidrs = ["10.0.0.0/8"] } });
    }

    public static TheoryData<string, string, string[]> BadNetworks => new()
    {
        { "unknown exposure", Stack("dev", "exposure: hostPort"), [$"{FileName}: ipfs-infra:network.exposure = hostPort", "must be one of none, nodePort, loadBalancer"] },
        { "exposure in the wrong case", Stack("dev", "exposure: nodeport"), [$"{FileName}: ipfs-infra:network.exposure = nodeport"] },
        { "node port below the range", Stack("dev", "nodePort:", "  basePort: 8080"), [$"{FileName}: ipfs-infra:network.nodePort.basePort = 8080", "from 30000 to 32767"] },
        { "node ports running past the range", Stack("dev", "exposure: nodePort", "nodePort:", "  basePort: 32766"),
            [$"{FileName}: ipfs-infra:network.nodePort.basePort = 32766", "gives pod 2 node port 32768", "use at most 32765 for 3 peers"] },
        { "node address that is not an address", Stack("dev", "exposure: nodePort", "nodePort:", "  nodeAddresses: [node-1.example.com]"),
            [$"{FileName}: ipfs-infra:network.nodePort.nodeAddresses", "'node-1.example.com' is not an IP address"] },
        { "node address kubo would hide", Stack("dev", "exposure: nodePort", "nodePort:", "  nodeAddresses: [198.51.100.7]"),
            [$"{FileName}: ipfs-infra:network.nodePort.nodeAddresses = [198.51.100.7]", "'198.51.100.7' lies in 198.51.100.0/24, which kubo never announces"] },
        { "load balancer without addresses", Stack("prod", "exposure: loadBalancer"),
            [$"{FileName}: ipfs-infra:network.loadBalancer.addresses = []", "must hold one static address per peer", "3 peers, 0 addresses"] },
        { "load balancer with too few addresses", Stack("prod", "exposure: loadBalancer", "loadBalancer:", "  addresses: [34.120.0.10, 34.120.0.11]"),
            [$"{FileName}: ipfs-infra:network.loadBalancer.addresses = [34.120.0.10, 34.120.0.11]", "3 peers, 2 addresses"] },
        { "load balancer address listed twice", Stack("prod", "loadBalancer:", "  addresses: [34.120.0.10, 34.120.0.10]"),
            [$"{FileName}: ipfs-infra:network.loadBalancer.addresses", "lists '34.120.0.10' twice"] },
        { "load balancer address not canonical", Stack("prod", "loadBalancer:", "  addresses: ['2600:1900:0::12']"),
            [$"{FileName}: ipfs-infra:network.loadBalancer.addresses", "'2600:1900:0::12' is not an IP address in canonical form"] },
        { "load balancer address kubo would hide", Stack("dev", "exposure: loadBalancer", "loadBalancer:", "  addresses: [34.120.0.10, 169.254.1.1, 34.120.0.12]"),
            [$"{FileName}: ipfs-infra:network.loadBalancer.addresses", "'169.254.1.1' lies in 169.254.0.0/16"] },
        { "address annotation that is no annotation key", Stack("dev", "loadBalancer:", "  addressAnnotation: 'not a key'"),
            [$"{FileName}: ipfs-infra:network.loadBalancer.addressAnnotation = not a key", "must be an annotation key"] },
        { "annotations given as a list", Stack("dev", "loadBalancer:", "  annotations: [a, b]"),
            [$"{FileName}: ipfs-infra:network.loadBalancer.annotations", "must be a map of annotations"] },
        { "client namespace that is no namespace name", Stack("dev", "api:", "  clientNamespaces: [Apps]"),
            [$"{FileName}: ipfs-infra:network.api.clientNamespaces", "'Apps' is not a namespace name"] },
        { "client namespaces given as a scalar", Stack("dev", "api:", "  clientNamespaces: apps"),
            [$"{FileName}: ipfs-infra:network.api.clientNamespaces = apps", "must be a list of namespace names"] },
        { "client pod selector with a bad key", Stack("dev", "api:", "  clientPodSelector:", "    'bad key': x"),
            [$"{FileName}: ipfs-infra:network.api.clientPodSelector", "label key 'bad key' must be at most 63"] },
        { "client pod selector with a bad value", Stack("dev", "api:", "  clientPodSelector:", "    app: 'not/a value'"),
            [$"{FileName}: ipfs-infra:network.api.clientPodSelector", "of 'app' must be empty or at most 63"] },
        { "gateway namespace that is no namespace name", Stack("dev", "gateway:", "  namespace: Ingress_Nginx"),
            [$"{FileName}: ipfs-infra:network.gateway.namespace = Ingress_Nginx", "must be a namespace name"] },
        { "ingress without a host", Stack("dev", "gateway:", "  namespace: ingress-nginx", "ingress:", "  enabled: true"),
            [$"{FileName}: ipfs-infra:network.ingress.host = (none): is required when network.ingress.enabled is true"] },
        { "ingress nobody may reach", Stack("dev", "ingress:", "  enabled: true", "  host: ipfs.example.com"),
            [$"{FileName}: ipfs-infra:network.gateway.namespace = (none): must name the ingress controller's namespace"] },
        { "ingress host that is an address", Stack("dev", "ingress:", "  host: 34.120.0.10"),
            [$"{FileName}: ipfs-infra:network.ingress.host = 34.120.0.10", "not an IP address"] },
        { "ingress host with an upper-case letter", Stack("dev", "ingress:", "  host: IPFS.example.com"), [$"{FileName}: ipfs-infra:network.ingress.host = IPFS.example.com"] },
        { "ingress TLS secret that is no object name", Stack("dev", "ingress:", "  tlsSecret: tls_secret"), [$"{FileName}: ipfs-infra:network.ingress.tlsSecret = tls_secret"] },
        { "unknown network key", Stack("dev", "exposures: nodePort"), [$"{FileName}: ipfs-infra:network.exposures = nodePort", "did you mean ipfs-infra:network.exposure?"] },
    };

    [Theory]
    [MemberData(nameof(BadNetworks))]
    public void BadNetworkConfig_IsRejectedNamingFileKeyValueAndWhatIsAllowed(string because, string yaml, string[] expected)
    {
        var error = Assert.Throws<ConfigValidationException>(() => Load(yaml));

        foreach (var text in expected)
            Assert.True(error.Message.Contains(text, StringComparison.Ordinal), $"{because}: expected \"{text}\" in:\n{error.Message}");
    }

    [Fact]
    public void EveryNetworkProblemIsReportedInOneRun()
    {
        var error = Assert.Throws<ConfigValidationException>(() =>
            Load(Stack("prod", "exposure: loadBalancer", "api:", "  clientNamespaces: [Apps]", "ingress:", "  enabled: true")));

        Assert.Equal(
            ["ipfs-infra:network.api.clientNamespaces", "ipfs-infra:network.gateway.namespace", "ipfs-infra:network.ingress.host", "ipfs-infra:network.loadBalancer.addresses"],
            error.Problems.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AddressesInTheClusterRangesMayBeAnnounced()
    {
        // A lab cluster whose nodes are reachable on a private range the stack names as its own.
        var spec = Load(Stack("dev", "exposure: nodePort", "nodePort:", "  nodeAddresses: [192.168.10.5]"));

        Assert.Equal(["192.168.10.5"], spec.Network.NodePort.NodeAddresses);
    }

    [Fact]
    public void ExposureSettingsOfAnotherModeAreNotChecked()
    {
        var spec = Load(Stack("prod", "exposure: nodePort", "loadBalancer:", "  addresses: [34.120.0.10]"));

        Assert.Equal(SwarmExposure.NodePort, spec.Network.Exposure);
    }

    [Fact]
    public void TheConfigReferenceDocumentsEveryNetworkKeyWithItsDefault()
    {
        var reference = ConfigReference.Markdown();

        foreach (var key in new[] { "exposure", "nodePort.basePort", "nodePort.nodeAddresses", "loadBalancer.addresses", "loadBalancer.addressAnnotation",
                     "loadBalancer.annotations", "api.clientNamespaces", "api.clientPodSelector", "gateway.namespace", "ingress.enabled",
                     "ingress.className", "ingress.host", "ingress.tlsSecret" })
            Assert.Contains($"| `ipfs-infra:network.{key}` |", reference);
        Assert.Contains("| `ipfs-infra:network.gateway.namespace` | DNS-1123 label, or empty for none | `(none)` | `(none)` |", reference);
        Assert.Contains("| `ipfs-infra:network.api.clientPodSelector` | map of Kubernetes labels (key: value) | `{}` | `{}` |", reference);
        Assert.Contains("| `ipfs-infra:network.exposure` | one of none, nodePort, loadBalancer | `none` | `none` |", reference);
    }
}
