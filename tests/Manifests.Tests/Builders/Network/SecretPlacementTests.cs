using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Serialization;
using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;
using Xunit;
using static Ipfs.Manifests.Tests.Builders.Network.NetworkScenarios;

namespace Ipfs.Manifests.Tests.Builders.Network;

/// <summary>
/// Secret values live in Secrets and nowhere else, under every network configuration: not in env
/// values, annotations, ConfigMaps or any rendered file but secrets.yaml. The pods reach them by
/// Secret name and key; the REST API and pinning service API take their credentials from there.
/// </summary>
public sealed class SecretPlacementTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("secret-placement-");

    public void Dispose() => _dir.Delete(recursive: true);

    /// <summary>Every secret value of the test material, and the forms it could leak in.</summary>
    private static List<string> SecretValues(ClusterSpec spec)
    {
        var material = TestSpecs.Material(spec);
        var values = new List<string> { material.ClusterSecretHex, material.RestApiPassword };
        if (material.SwarmKeyHex is { } swarm) values.Add(swarm);
        foreach (var peer in material.ClusterPeers.Concat(material.KuboPeers))
        {
            values.Add(peer.PrivateKeyBase64);
            values.Add(Convert.ToBase64String(Convert.FromBase64String(peer.PrivateKeyBase64)[4..36])); // the seed alone
        }
        return values;
    }

    private static void AssertClean(string where, string? text, ClusterSpec spec)
    {
        if (text is null) return;
        foreach (var secret in SecretValues(spec))
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} holds a secret value");
    }

    private static IEnumerable<V1Container> Containers(V1PodSpec pod) => pod.Containers.Concat(pod.InitContainers ?? []);

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(NetworkScenarios))]
    public void NoEnvValueAnnotationOrConfigMapHoldsASecret(string scenario)
    {
        var spec = For(scenario);
        foreach (var obj in Objects(spec).Where(o => o is not V1Secret))
        {
            var name = $"{obj.Kind} {obj.Metadata.Name}";
            foreach (var (key, value) in obj.Metadata.Annotations ?? new Dictionary<string, string>())
                AssertClean($"{name} annotation {key}", value, spec);
            if (obj is V1ConfigMap map)
                foreach (var (key, value) in map.Data ?? new Dictionary<string, string>())
                    AssertClean($"{name} data {key}", value, spec);
            if (obj is V1StatefulSet set)
            {
                foreach (var (key, value) in set.Spec.Template.Metadata.Annotations ?? new Dictionary<string, string>())
                    AssertClean($"{name} pod annotation {key}", value, spec);
                foreach (var container in Containers(set.Spec.Template.Spec))
                    foreach (var env in container.Env ?? [])
                        AssertClean($"{name} container {container.Name} env {env.Name}", env.Value, spec);
            }
            AssertClean(name, ManifestJson.Serialize(obj), spec);
        }
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(NetworkScenarios))]
    public void OnlySecretsYamlHoldsSecretValues(string scenario)
    {
        var spec = For(scenario);
        var files = ManifestRenderer.Render(ClusterManifest.Build(spec, TestSpecs.Material(spec)));

        foreach (var file in files.Where(f => !f.HoldsSecrets))
            AssertClean(file.RelativePath, file.Content, spec);
        var secrets = Assert.Single(files, f => f.HoldsSecrets);
        Assert.Equal(ManifestRenderer.SecretsFile, secrets.RelativePath);
        Assert.Contains(TestSpecs.Material(spec).RestApiPassword, secrets.Content); // the values searched for are really rendered
        Assert.Contains("network.yaml", files.Select(f => f.RelativePath));
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(NetworkScenarios))]
    public void EverySecretReferenceNamesAKeyOfABuiltSecret(string scenario)
    {
        var spec = For(scenario);
        var objects = Objects(spec);
        var secrets = objects.OfType<V1Secret>().ToDictionary(s => s.Metadata.Name, s => s.StringData);
        var pod = objects.OfType<V1StatefulSet>().Single().Spec.Template.Spec;

        var references = Containers(pod).SelectMany(c => c.Env ?? []).Where(e => e.ValueFrom?.SecretKeyRef is not null).ToList();
        Assert.Equal(["CLUSTER_PINSVCAPI_BASICAUTHCREDENTIALS", "CLUSTER_RESTAPI_BASICAUTHCREDENTIALS", "CLUSTER_SECRET"], references.Select(e => e.Name).Order());
        foreach (var env in references)
            Assert.True(secrets.TryGetValue(env.ValueFrom.SecretKeyRef.Name, out var data) && data.ContainsKey(env.ValueFrom.SecretKeyRef.Key), $"{env.Name} refers to a missing Secret key");
        foreach (var volume in pod.Volumes.Where(v => v.Secret is not null))
            Assert.Contains(volume.Secret.SecretName, secrets.Keys);
        Assert.Equal(spec.Network.PrivateSwarm, pod.Volumes.Any(v => v.Secret?.SecretName == spec.Names.SwarmKey));
    }

    [Theory]
    [InlineData("prod-clients")]
    [InlineData("private-load-balancer")]
    public void TheApisTakeBasicAuthFromTheCredentialsSecretAndOnlyHealthIsProbedWithoutIt(string scenario)
    {
        var spec = For(scenario);
        var objects = Objects(spec);
        var credentials = objects.OfType<V1Secret>().Single(s => s.Metadata.Name == spec.Names.RestApiCredentials).StringData;
        var cluster = objects.OfType<V1StatefulSet>().Single().Spec.Template.Spec.Containers.Single(c => c.Name == "cluster");

        Assert.Equal($"{spec.RestApi.User}:{TestSpecs.Material(spec).RestApiPassword}", credentials[ClusterSecretsBuilder.BasicAuthKey]);
        Assert.Equal((spec.RestApi.User, TestSpecs.Material(spec).RestApiPassword), (credentials[ClusterSecretsBuilder.UserKey], credentials[ClusterSecretsBuilder.PasswordKey]));
        foreach (var api in new[] { "CLUSTER_RESTAPI_BASICAUTHCREDENTIALS", "CLUSTER_PINSVCAPI_BASICAUTHCREDENTIALS" })
            Assert.Equal((spec.Names.RestApiCredentials, ClusterSecretsBuilder.BasicAuthKey),
                (cluster.Env.Single(e => e.Name == api).ValueFrom.SecretKeyRef.Name, cluster.Env.Single(e => e.Name == api).ValueFrom.SecretKeyRef.Key));
        foreach (var probe in new[] { cluster.StartupProbe, cluster.ReadinessProbe, cluster.LivenessProbe })
        {
            Assert.Equal("/health", probe.HttpGet.Path);
            Assert.Null(probe.HttpGet.HttpHeaders);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Under render the material comes from the material file: no network setting rotates it.
    // ---------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(NetworkScenarios))]
    public void NoNetworkSettingRotatesRenderedMaterial(string scenario)
    {
        var path = Path.Combine(_dir.FullName, $"{scenario}.json");
        var baseline = For(scenario) with { Network = TestSpecs.Prod.Network with { PrivateSwarm = For(scenario).Network.PrivateSwarm } };
        var (before, _) = MaterialFile.LoadOrCreate(path, baseline);
        var bytes = File.ReadAllBytes(path);

        var (after, changes) = MaterialFile.LoadOrCreate(path, For(scenario));

        Assert.Empty(changes);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal((before.ClusterSecretHex, before.RestApiPassword, before.SwarmKeyHex), (after.ClusterSecretHex, after.RestApiPassword, after.SwarmKeyHex));
        Assert.Equal(before.Identities, after.Identities);
    }

    [Fact]
    public void OnlyRaisingThePasswordGenerationRotatesThePasswordAndNothingElse()
    {
        var path = Path.Combine(_dir.FullName, "rotation.json");
        var spec = For("private-node-port");
        var (before, _) = MaterialFile.LoadOrCreate(path, spec);

        var (after, changes) = MaterialFile.LoadOrCreate(path, spec with { RestApi = spec.RestApi with { PasswordGeneration = 1 } });

        Assert.Equal(["rotated the REST API password (generation 1)"], changes);
        Assert.NotEqual(before.RestApiPassword, after.RestApiPassword);
        Assert.Equal((before.ClusterSecretHex, before.SwarmKeyHex), (after.ClusterSecretHex, after.SwarmKeyHex));
        Assert.Equal(before.ClusterPeers.Select(p => p.PrivateKeyBase64), after.ClusterPeers.Select(p => p.PrivateKeyBase64));
        Assert.Equal(before.KuboPeers.Select(p => p.PrivateKeyBase64), after.KuboPeers.Select(p => p.PrivateKeyBase64));
    }

    [Fact]
    public void TheSpecItselfPrintsNoSecret()
    {
        var spec = ClusterSpecDefaults.For(Profile.Dev) with
        {
            Kubernetes = new KubernetesTargetSpec("ctx", new SecretString("apiVersion: v1\nusers: [{token: hunter2}]")),
        };

        Assert.DoesNotContain("hunter2", spec.ToString());
        Assert.DoesNotContain("hunter2", spec.Network.ToString());
    }
}
