using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ipfs.Components;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Serialization;
using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;
using Pulumi;
using Pulumi.Utilities;
using Xunit;

namespace Ipfs.Infra.Tests;

/// <summary>
/// The network and secrets components under the mocked engine: ClusterNetwork registers exactly the
/// objects Manifests builds (so the policy table proven there holds for pulumi up), exposure
/// Services appear only when asked for, and no secret value reaches a non-Secret object, a
/// non-secret output of any resource, or a stack output.
/// </summary>
public class NetworkTests
{
    public static TheoryData<string> Scenarios => new() { "dev", "prod", "clients", "node-port", "node-port-addresses", "load-balancer", "private-load-balancer" };

    private static ClusterSpec Scenario(string name)
    {
        var prod = StackRun.StackFile("prod");
        var clients = prod with
        {
            Network = prod.Network with
            {
                Api = new ApiAccessSpec(["apps"], new Dictionary<string, string> { ["example.com/ipfs-client"] = "true" }),
                GatewayNamespace = "ingress-nginx",
                Ingress = new IngressSpec(true, "nginx", "ipfs.example.com", "ipfs-gateway-tls"),
            },
        };
        var loadBalancer = new LoadBalancerExposureSpec(["34.120.0.10", "34.120.0.11", "2600:1900::12"], "metallb.universe.tf/loadBalancerIPs",
            new Dictionary<string, string> { ["metallb.universe.tf/address-pool"] = "public" });
        return name switch
        {
            "dev" => StackRun.StackFile("dev"),
            "prod" => prod,
            "clients" => clients,
            "node-port" => clients with { Network = clients.Network with { Exposure = SwarmExposure.NodePort } },
            "node-port-addresses" => clients with
            {
                Network = clients.Network with { Exposure = SwarmExposure.NodePort, NodePort = new NodePortExposureSpec(31000, ["35.200.1.1"]) },
            },
            "load-balancer" => clients with { Network = clients.Network with { Exposure = SwarmExposure.LoadBalancer, LoadBalancer = loadBalancer } },
            "private-load-balancer" => clients with
            {
                Network = clients.Network with { PrivateSwarm = true, Exposure = SwarmExposure.LoadBalancer, LoadBalancer = loadBalancer },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    private static List<RecordingMocks.Registration> KubernetesObjects(RecordingMocks mocks) =>
        mocks.Registrations.Where(r => r.Type.StartsWith("kubernetes:", StringComparison.Ordinal)).ToList();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task RegisteredNetworkObjectsAreExactlyTheOnesManifestsBuilds(string scenario)
    {
        var spec = Scenario(scenario);
        var mocks = new RecordingMocks();
        await StackRun.Run(spec, mocks);

        var expected = ClusterManifest.NetworkObjects(spec)
            .ToDictionary(o => (ManifestObject.TypeToken(o), ManifestObject.LogicalName(o)), o => JsonNode.Parse(ManifestJson.Serialize(o))!);
        var registered = KubernetesObjects(mocks).ToDictionary(r => (r.Type, r.Name), r => StackRun.ToJson(r.Inputs));

        Assert.NotEmpty(expected);
        foreach (var (key, json) in expected)
        {
            Assert.True(registered.TryGetValue(key, out var actual), $"{key} was not registered");
            Assert.True(JsonNode.DeepEquals(json, actual), $"{key} differs.\nrender:  {json.ToJsonString()}\npulumi:  {actual!.ToJsonString()}");
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task NoNodePortOrLoadBalancerServiceIsRegisteredUnlessExposureAsksForIt(string scenario)
    {
        var spec = Scenario(scenario);
        var mocks = new RecordingMocks();
        await StackRun.Run(spec, mocks);

        var services = mocks.OfType("kubernetes:core/v1:Service").Select(r => ManifestJson.Deserialize<V1Service>(StackRun.ToJson(r.Inputs).ToJsonString())).ToList();
        var external = services.Where(s => s.Spec.Type is "NodePort" or "LoadBalancer").ToList();

        switch (spec.Network.Exposure)
        {
            case SwarmExposure.None:
                Assert.Empty(external);
                break;
            default:
                Assert.Equal(spec.Peers, external.Count);
                Assert.All(external, s => Assert.Equal(spec.Network.Exposure == SwarmExposure.NodePort ? "NodePort" : "LoadBalancer", s.Spec.Type));
                Assert.All(external, s => Assert.All(s.Spec.Ports, p => Assert.Equal(4001, p.Port)));
                break;
        }
        Assert.Contains(services, s => s.Metadata.Name == "ipfs-api" && s.Spec.Type == "ClusterIP");
        Assert.Contains(services, s => s.Metadata.Name == "ipfs-gateway" && s.Spec.Type == "ClusterIP");
    }

    [Fact]
    public async Task PoliciesAndTheIngressUseTheirNetworkingTypeTokens()
    {
        var mocks = new RecordingMocks();
        await StackRun.Run(Scenario("private-load-balancer"), mocks);

        Assert.Equal(
            ["ipfs/ipfs-allow-api", "ipfs/ipfs-allow-egress", "ipfs/ipfs-allow-gateway", "ipfs/ipfs-allow-metrics", "ipfs/ipfs-allow-peers", "ipfs/ipfs-allow-public-swarm", "ipfs/ipfs-default-deny-egress", "ipfs/ipfs-default-deny-ingress"],
            mocks.OfType("kubernetes:networking.k8s.io/v1:NetworkPolicy").Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal("ipfs/ipfs-gateway", Assert.Single(mocks.OfType("kubernetes:networking.k8s.io/v1:Ingress")).Name);
    }

    [Theory]
    [InlineData("dev", "none")]
    [InlineData("node-port", "nodePort")]
    [InlineData("load-balancer", "loadBalancer")]
    public async Task ClusterNetworkIsAComponentOfItsOwnTypeAndNamesItsServices(string scenario, string exposure)
    {
        var spec = Scenario(scenario);
        var mocks = new RecordingMocks();
        var (resources, _) = await StackRun.Run(spec, mocks);

        var component = Assert.Single(mocks.OfType("ipfs:index:ClusterNetwork"));
        Assert.Equal("ipfs-network", component.Name);
        Assert.Equal((spec.Namespace, exposure), ((string)component.Inputs["namespace"], (string)component.Inputs["exposure"]));

        var network = resources.OfType<ClusterNetwork>().Single();
        Assert.Equal("ipfs-api", await OutputUtilities.GetValueAsync(network.ApiServiceName));
        Assert.Equal("ipfs-gateway", await OutputUtilities.GetValueAsync(network.GatewayServiceName));
        var swarm = await OutputUtilities.GetValueAsync(network.SwarmServiceNames);
        Assert.Equal(spec.Network.Exposure == SwarmExposure.None ? [] : Enumerable.Range(0, spec.Peers).Select(i => $"ipfs-swarm-{i}"), swarm);
        Assert.False(await Output.IsSecretAsync(network.SwarmServiceNames));
        Assert.Equal(ClusterManifest.NetworkObjects(spec).Count, network.Objects.Count);
    }

    [Fact]
    public async Task AFirstPreviewRegistersEveryNetworkObject()
    {
        var spec = Scenario("private-load-balancer");
        var preview = new RecordingMocks { ResolveRandomValues = false };
        await StackRun.Run(spec, preview, preview: true);

        var names = KubernetesObjects(preview).Select(r => r.Name).ToHashSet();
        Assert.All(ClusterManifest.NetworkObjects(spec), o => Assert.Contains(ManifestObject.LogicalName(o), names));
    }

    // ---------------------------------------------------------------------------------------
    // Secrets.
    // ---------------------------------------------------------------------------------------

    private static List<string> SecretValues(ClusterSpec spec)
    {
        var material = RenderEquivalenceTests.MaterialOf(spec);
        var values = new List<string> { material.ClusterSecretHex, material.RestApiPassword };
        if (material.SwarmKeyHex is { } swarm) values.Add(swarm);
        values.AddRange(material.ClusterPeers.Concat(material.KuboPeers).Select(p => p.PrivateKeyBase64));
        // The identity seed itself, as the mocks hand it out.
        values.Add(RecordingMocks.HexFor("identity-seed"));
        return values;
    }

    private static void AssertClean(string where, string text, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} holds a secret value");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task NoSecretValueReachesAnyRegistrationButTheSecretsAndTheirRandomSources(string scenario)
    {
        var spec = Scenario(scenario);
        var mocks = new RecordingMocks();
        await StackRun.Run(spec, mocks);
        var secrets = SecretValues(spec);

        foreach (var registration in mocks.Registrations.Where(r => r.Type != "kubernetes:core/v1:Secret" && !r.Type.StartsWith("random:", StringComparison.Ordinal)))
            AssertClean($"{registration.Type} {registration.Name}", StackRun.ToJson(registration.Inputs).ToJsonString(), secrets);
        var registeredSecrets = string.Concat(mocks.OfType("kubernetes:core/v1:Secret").Select(r => StackRun.ToJson(r.Inputs).ToJsonString()));
        Assert.Contains(RenderEquivalenceTests.MaterialOf(spec).RestApiPassword, registeredSecrets); // the values searched for are really there
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("private-load-balancer")]
    public async Task EveryStackOutputAndEveryResourceOutputIsSecretOrHoldsNoSecretValue(string scenario)
    {
        var spec = Scenario(scenario);
        var (resources, outputs) = await StackRun.Run(spec, new RecordingMocks());
        var secrets = SecretValues(spec);

        var checkedOutputs = 0;
        async Task Check(string where, object output)
        {
            var (isSecret, value) = await Read(output);
            checkedOutputs++;
            if (!isSecret) AssertClean(where, Json(value), secrets);
        }

        foreach (var (name, output) in outputs)
            await Check($"stack output {name}", output!);
        Assert.True((await Read(outputs["restApiPassword"]!)).IsSecret);

        // Pulumi.Random's own outputs (RandomBytes.Hex, RandomPassword.Result) are declared secret by
        // its SDK (AdditionalSecretOutputs), which the mocked engine does not apply: they are the
        // sources, not outputs of this program, and are left out here.
        foreach (var resource in resources.Where(r => r.GetType().Namespace != "Pulumi.Random"))
            foreach (var property in resource.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                         .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Output<>)))
                await Check($"{resource.GetType().Name}.{property.Name}", property.GetValue(resource)!);

        var clusterSecrets = resources.OfType<ClusterSecrets>().Single();
        Assert.True(await Output.IsSecretAsync(clusterSecrets.Material));
        Assert.True(await Output.IsSecretAsync(clusterSecrets.RestApiPassword));
        Assert.False(await Output.IsSecretAsync(clusterSecrets.Identities));
        Assert.True(checkedOutputs > outputs.Count);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task NoNetworkSettingReplacesAnyRandomResourceSoNothingRotates(string scenario)
    {
        var spec = Scenario(scenario);
        var baseline = new RecordingMocks();
        await StackRun.Run(spec with { Network = spec.Network with { Exposure = SwarmExposure.None, Ingress = IngressSpec.Disabled, GatewayNamespace = null } }, baseline);
        var changed = new RecordingMocks();
        await StackRun.Run(spec, changed);

        static List<string> Random(RecordingMocks m) => m.Registrations.Where(r => r.Type.StartsWith("random:", StringComparison.Ordinal))
            .Select(r => $"{r.Type} {r.Name} {StackRun.ToJson(r.Inputs).ToJsonString()}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Random(baseline), Random(changed));
    }

    private static async Task<(bool IsSecret, object? Value)> Read(object output)
    {
        var type = output.GetType().GetGenericArguments()[0];
        var isSecret = (Task<bool>)typeof(Output).GetMethod(nameof(Output.IsSecretAsync))!.MakeGenericMethod(type).Invoke(null, [output])!;
        var value = (Task)typeof(OutputUtilities).GetMethod(nameof(OutputUtilities.GetValueAsync))!.MakeGenericMethod(type).Invoke(null, [output])!;
        await value;
        return (await isSecret, value.GetType().GetProperty("Result")!.GetValue(value));
    }

    private static string Json(object? value) => value switch
    {
        null => "null",
        string s => s,
        JsonElement e => e.GetRawText(),
        IEnumerable items and not IDictionary => "[" + string.Join(",", items.Cast<object?>().Select(Json)) + "]",
        _ => JsonSerializer.Serialize(value),
    };
}
