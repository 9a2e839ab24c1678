using Ipfs.Manifests.Builders.Network;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Serialization;
using Ipfs.Manifests.Spec;
using k8s.Models;
using Xunit;
using static Ipfs.Manifests.Tests.Builders.Network.NetworkScenarios;

namespace Ipfs.Manifests.Tests.Builders.Network;

/// <summary>The Services, the per-pod swarm exposure and the gateway Ingress.</summary>
public class ServiceAndExposureTests
{
    private static List<V1Service> Services(ClusterSpec spec) => Objects(spec).OfType<V1Service>().ToList();

    private static V1Service Service(ClusterSpec spec, string name) => Assert.Single(Services(spec), s => s.Metadata.Name == name);

    private static bool Selects(V1Service service, Endpoint pod) =>
        service.Spec.Selector.All(kv => pod.PodLabels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static List<int> PortsOf(V1Service service) => service.Spec.Ports.Select(p => p.Port).ToList();

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(NetworkScenarios))]
    public void TheApiServiceCarriesTheRestApiProxyAndPinningServiceAndSelectsEveryNodePod(string scenario)
    {
        var spec = For(scenario);
        var api = Service(spec, "ipfs-api");

        Assert.Equal("ClusterIP", api.Spec.Type);
        Assert.Equal([(9094, "rest-api"), (9095, "ipfs-proxy"), (9097, "pinning-svc")], api.Spec.Ports.Select(p => (p.Port, p.Name)));
        Assert.All(api.Spec.Ports, p => Assert.Equal(p.Port.ToString(), p.TargetPort.Value));
        Assert.All(Enumerable.Range(0, spec.Peers), i => Assert.True(Selects(api, NodePod(spec, i))));
        Assert.False(Selects(api, Endpoint.Pod("job", spec.Namespace, new Dictionary<string, string>(Manifests.Builders.ObjectMeta.Labels(spec, "backup")))));
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(NetworkScenarios))]
    public void TheGatewayServiceCarriesPort8080Only(string scenario)
    {
        var spec = For(scenario);
        var gateway = Service(spec, "ipfs-gateway");

        Assert.Equal("ClusterIP", gateway.Spec.Type);
        var port = Assert.Single(gateway.Spec.Ports);
        Assert.Equal(("http", 8080, "TCP"), (port.Name, port.Port, port.Protocol));
        Assert.True(Selects(gateway, NodePod(spec, 0)));
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(NetworkScenarios))]
    public void NoNodePortOrLoadBalancerServiceExistsUnlessExposureAsksForIt(string scenario)
    {
        var spec = For(scenario);
        var external = Services(spec).Where(s => s.Spec.Type is "NodePort" or "LoadBalancer").ToList();

        var expected = spec.Network.Exposure switch
        {
            SwarmExposure.NodePort => "NodePort",
            SwarmExposure.LoadBalancer => "LoadBalancer",
            _ => null,
        };
        if (expected is null)
        {
            Assert.Empty(external);
            Assert.DoesNotContain(Services(spec), s => s.Spec.Ports.Any(p => p.NodePort is not null) || s.Spec.ExternalIPs is not null);
            return;
        }
        Assert.Equal(spec.Peers, external.Count);
        Assert.All(external, s => Assert.Equal(expected, s.Spec.Type));
        Assert.Equal(Enumerable.Range(0, spec.Peers).Select(i => $"ipfs-swarm-{i}"), external.Select(s => s.Metadata.Name));
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(NetworkScenarios))]
    public void AnExposedServiceSelectsExactlyItsOwnPodAndCarriesTheSwarmPortOnly(string scenario)
    {
        var spec = For(scenario);
        foreach (var service in Services(spec).Where(s => s.Spec.Type is "NodePort" or "LoadBalancer"))
        {
            var ordinal = int.Parse(service.Metadata.Name["ipfs-swarm-".Length..]);
            Assert.Equal(Enumerable.Range(0, spec.Peers).Select(i => i == ordinal), Enumerable.Range(0, spec.Peers).Select(i => Selects(service, NodePod(spec, i))));
            Assert.All(service.Spec.Ports, p => Assert.Equal((4001, "4001"), (p.Port, p.TargetPort.Value)));
            Assert.Equal(spec.Network.PrivateSwarm ? ["TCP"] : ["TCP", "UDP"], service.Spec.Ports.Select(p => p.Protocol));
        }
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(NetworkScenarios))]
    public void NoServiceEverExposesTheKuboRpcTheRestApiOrTheProxyOutsideTheCluster(string scenario)
    {
        foreach (var service in Services(For(scenario)).Where(s => s.Spec.Type is not "ClusterIP" and not null || s.Spec.ClusterIP == "None"))
        {
            if (service.Spec.ClusterIP == "None") continue; // the headless peer Service is cluster-internal by nature
            Assert.DoesNotContain(PortsOf(service), p => p is Ports.KuboApi or Ports.ClusterRestApi or Ports.ClusterProxy or Ports.ClusterPinningService or Ports.ClusterMetrics or Ports.KuboGateway);
        }
    }

    [Fact]
    public void NodePortsAreBasePortPlusOrdinalOnTcpAndUdpAndOnlyTheNodeOfThePodForwards()
    {
        var spec = For("node-port");
        var services = Services(spec).Where(s => s.Spec.Type == "NodePort").ToList();

        for (var i = 0; i < spec.Peers; i++)
        {
            Assert.All(services[i].Spec.Ports, p => Assert.Equal(30401 + i, p.NodePort));
            Assert.Equal("Local", services[i].Spec.ExternalTrafficPolicy);
        }
    }

    [Fact]
    public void ConfiguredNodeAddressesNeedEveryNodeToForward()
    {
        var spec = For("node-port-addresses");
        var services = Services(spec).Where(s => s.Spec.Type == "NodePort").ToList();

        Assert.All(services, s => Assert.Equal("Cluster", s.Spec.ExternalTrafficPolicy));
        Assert.Equal([31000, 31001, 31002], services.Select(s => s.Spec.Ports[0].NodePort!.Value));
    }

    [Fact]
    public void LoadBalancerServicesRequestTheOrdinalsAddressAndKeepClientAddresses()
    {
        var spec = For("load-balancer");
        var services = Services(spec).Where(s => s.Spec.Type == "LoadBalancer").ToList();

        Assert.Equal(LoadBalancerAddresses, services.Select(s => s.Spec.LoadBalancerIP));
        Assert.All(services, s => Assert.Equal("Local", s.Spec.ExternalTrafficPolicy));
        Assert.All(services, s => Assert.Null(s.Metadata.Annotations));
        Assert.Null(services[0].Spec.IpFamilies);
        Assert.Equal(["IPv6"], services[2].Spec.IpFamilies);
        Assert.Equal("SingleStack", services[2].Spec.IpFamilyPolicy);
        Assert.All(services, s => Assert.All(s.Spec.Ports, p => Assert.Null(p.NodePort)));
    }

    [Fact]
    public void AnAddressAnnotationReplacesLoadBalancerIpAndProviderAnnotationsAreKept()
    {
        var spec = For("load-balancer");
        spec = spec with
        {
            Network = spec.Network with
            {
                LoadBalancer = new LoadBalancerExposureSpec(LoadBalancerAddresses, "metallb.universe.tf/loadBalancerIPs",
                    new Dictionary<string, string> { ["metallb.universe.tf/address-pool"] = "public" }),
            },
        };
        var services = Services(spec).Where(s => s.Spec.Type == "LoadBalancer").ToList();

        Assert.All(services, s => Assert.Null(s.Spec.LoadBalancerIP));
        for (var i = 0; i < services.Count; i++)
        {
            Assert.Equal(LoadBalancerAddresses[i], services[i].Metadata.Annotations["metallb.universe.tf/loadBalancerIPs"]);
            Assert.Equal("public", services[i].Metadata.Annotations["metallb.universe.tf/address-pool"]);
        }
    }

    [Fact]
    public void ScalingChangesOnlyTheHighestOrdinalsExposure()
    {
        var three = For("node-port");
        var five = three with { Peers = 5 };

        var before = Services(three).Where(s => s.Spec.Type == "NodePort").Select(s => ManifestJson.Serialize(s)).ToList();
        var after = Services(five).Where(s => s.Spec.Type == "NodePort").Select(s => ManifestJson.Serialize(s)).ToList();

        Assert.Equal(before, after.Take(3));
        Assert.Equal(5, after.Count);
    }

    [Fact]
    public void NoIngressUnlessEnabled()
    {
        Assert.DoesNotContain(Objects(For("dev")), o => o is V1Ingress);
        Assert.DoesNotContain(Objects(For("prod")), o => o is V1Ingress);
    }

    [Fact]
    public void TheIngressRoutesItsHostToTheGatewayServiceWithTheConfiguredClassAndTls()
    {
        var spec = For("prod-clients");
        var ingress = Assert.Single(Objects(spec).OfType<V1Ingress>());

        Assert.Equal("nginx", ingress.Spec.IngressClassName);
        var rule = Assert.Single(ingress.Spec.Rules);
        Assert.Equal("ipfs.example.com", rule.Host);
        var path = Assert.Single(rule.Http.Paths);
        Assert.Equal(("/", "Prefix"), (path.Path, path.PathType));
        Assert.Equal("ipfs-gateway", path.Backend.Service.Name);
        Assert.Contains(Service(spec, "ipfs-gateway").Spec.Ports, p => p.Name == path.Backend.Service.Port.Name);
        var tls = Assert.Single(ingress.Spec.Tls);
        Assert.Equal(["ipfs.example.com"], tls.Hosts);
        Assert.Equal("ipfs-gateway-tls", tls.SecretName);
    }

    [Fact]
    public void AnIngressWithoutClassOrTlsLeavesThemToTheCluster()
    {
        var spec = For("prod-clients");
        spec = spec with { Network = spec.Network with { Ingress = new IngressSpec(true, null, "*.ipfs.example.com", null) } };
        var ingress = Assert.Single(Objects(spec).OfType<V1Ingress>());

        Assert.Null(ingress.Spec.IngressClassName);
        Assert.Null(ingress.Spec.Tls);
        Assert.Equal("*.ipfs.example.com", ingress.Spec.Rules[0].Host);
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(NetworkScenarios))]
    public void TheNetworkComponentHoldsPoliciesFirstThenServicesThenTheIngress(string scenario)
    {
        var spec = For(scenario);
        var network = Assert.Single(ClusterManifest.Build(spec, TestSpecs.Material(spec)), c => c.Name == ClusterManifest.Components.Network);
        var kinds = network.Objects.Select(o => o.Kind).ToList();

        Assert.Equal(kinds.OrderBy(k => k switch { "NetworkPolicy" => 0, "Service" => 1, _ => 2 }), kinds);
        Assert.All(network.Objects, o => Assert.Equal(spec.Namespace, o.Metadata.NamespaceProperty));
        Assert.Equal(network.Objects.Count, network.Objects.Select(o => (o.Kind, o.Metadata.Name)).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(NetworkScenarios))]
    public void EveryScenarioIsAValidSpec(string scenario) =>
        Assert.Empty(Manifests.Config.ClusterSpecLoader.Validate(For(scenario)));
}
