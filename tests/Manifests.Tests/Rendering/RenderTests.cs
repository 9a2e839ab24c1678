using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Identity;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Serialization;
using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;
using Xunit;

namespace Ipfs.Manifests.Tests.Rendering;

public sealed class RenderTests
{
    // ---------------------------------------------------------------------------------------
    // Fixed inputs: the profile defaults (plus a private-swarm variant so the swarm key is
    // rendered too) and material from fixed seeds.
    // ---------------------------------------------------------------------------------------

    private const string ClusterSecret = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private const string Password = "Fixed-REST-password-7Qx9";
    private const string SwarmKey = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    public static TheoryData<string> Specs => new() { "dev", "prod", "dev-private-swarm" };

    private static ClusterSpec SpecFor(string name) => name switch
    {
        "dev" => ClusterSpecDefaults.For(Profile.Dev),
        "prod" => ClusterSpecDefaults.For(Profile.Prod) with { Peers = 5 },
        "dev-private-swarm" => ClusterSpecDefaults.For(Profile.Dev) with
        {
            Network = ClusterSpecDefaults.For(Profile.Dev).Network with { PrivateSwarm = true },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static byte[] Seed(int kind, int ordinal)
    {
        var seed = new byte[PeerIdentity.SeedLength];
        Array.Fill(seed, (byte)(kind * 16 + ordinal + 1));
        return seed;
    }

    private static SecretMaterial FixedMaterial(ClusterSpec spec) => new(
        ClusterSecret,
        Password,
        spec.Network.PrivateSwarm ? SwarmKey : null,
        Enumerable.Range(0, spec.Peers).Select(i => PeerIdentity.FromSeed(Seed(1, i))).ToList(),
        Enumerable.Range(0, spec.Peers).Select(i => PeerIdentity.FromSeed(Seed(2, i))).ToList());

    private static IReadOnlyList<RenderedFile> Render(string name)
    {
        var spec = SpecFor(name);
        return ManifestRenderer.Render(ClusterManifest.Build(spec, FixedMaterial(spec)));
    }

    /// <summary>Every secret value of the fixed material, as it could appear in text.</summary>
    private static IEnumerable<string> SecretValues(ClusterSpec spec)
    {
        var material = FixedMaterial(spec);
        yield return ClusterSecret;
        yield return Password;
        if (spec.Network.PrivateSwarm) yield return SwarmKey;
        foreach (var peer in material.ClusterPeers.Concat(material.KuboPeers))
        {
            yield return peer.PrivateKeyBase64;
            yield return Convert.ToBase64String(Convert.FromBase64String(peer.PrivateKeyBase64)[4..36]); // the seed alone
        }
    }

    /// <summary>The YAML documents of a rendered file, without the header and the '---' separators.</summary>
    private static List<string> Documents(RenderedFile file)
    {
        Assert.StartsWith(ManifestRenderer.Header + "\n", file.Content, StringComparison.Ordinal);
        var body = file.Content[(ManifestRenderer.Header.Length + 1)..];
        Assert.StartsWith("---\n", body, StringComparison.Ordinal);
        return body[4..].Split("\n---\n").Select(d => d.TrimEnd('\n')).ToList();
    }

    private static IEnumerable<RenderedFile> ObjectFiles(IEnumerable<RenderedFile> files) =>
        files.Where(f => f.RelativePath != "kustomization.yaml");

    // ---------------------------------------------------------------------------------------
    // Determinism and round-trip.
    // ---------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Specs))]
    public void TwoRenders_AreByteIdentical(string name)
    {
        var first = Render(name);
        var second = Render(name);

        Assert.Equal(first.Select(f => f.RelativePath), second.Select(f => f.RelativePath));
        Assert.Equal(first.Select(f => f.Content), second.Select(f => f.Content));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryDocument_RoundTripsThroughTheKubernetesModelsUnchanged(string name)
    {
        foreach (var file in ObjectFiles(Render(name)))
        {
            var documents = Documents(file);
            var objects = ManifestYaml.LoadAll(file.Content);

            Assert.Equal(documents.Count, objects.Count);
            for (var i = 0; i < objects.Count; i++)
            {
                Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(objects[i]);
                Assert.Equal(documents[i], ManifestYaml.Serialize(objects[i]).TrimEnd('\n'));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryRenderedObject_EqualsTheBuiltObjectAsJson(string name)
    {
        var spec = SpecFor(name);
        var built = ClusterManifest.Build(spec, FixedMaterial(spec)).SelectMany(c => c.Objects).ToList();
        var files = ManifestRenderer.Render(ClusterManifest.Build(spec, FixedMaterial(spec)));

        var loaded = ObjectFiles(files).SelectMany(f => ManifestYaml.LoadAll(f.Content)).ToList();

        Assert.Equal(built.Count, loaded.Count);
        var builtJson = built.Select(o => ManifestJson.Serialize(o)).Order(StringComparer.Ordinal);
        var loadedJson = loaded.Select(o => ManifestJson.Serialize(o)).Order(StringComparer.Ordinal);
        Assert.Equal(builtJson, loadedJson);
    }

    // ---------------------------------------------------------------------------------------
    // Where secrets go.
    // ---------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Specs))]
    public void Secrets_AreOnlyInSecretsYaml_AndSecretsYamlHoldsOnlySecrets(string name)
    {
        foreach (var file in ObjectFiles(Render(name)))
        {
            var objects = ManifestYaml.LoadAll(file.Content);
            if (file.RelativePath == ManifestRenderer.SecretsFile)
            {
                Assert.True(file.HoldsSecrets);
                Assert.NotEmpty(objects);
                Assert.All(objects, o => Assert.IsType<V1Secret>(o));
            }
            else
            {
                Assert.False(file.HoldsSecrets, file.RelativePath);
                Assert.DoesNotContain(objects, o => o is V1Secret);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Kustomization_ListsEveryOtherFileInRenderOrder(string name)
    {
        var files = Render(name);

        var kustomization = Assert.Single(files, f => f.RelativePath == "kustomization.yaml");
        Assert.Same(kustomization, files[^1]);
        var resources = kustomization.Content.Split('\n')
            .SkipWhile(l => l != "resources:").Skip(1)
            .TakeWhile(l => l.StartsWith("- ", StringComparison.Ordinal))
            .Select(l => l[2..]);
        Assert.Equal(files.Take(files.Count - 1).Select(f => f.RelativePath), resources);
        Assert.Contains("kind: Kustomization\n", kustomization.Content);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void NoSecretValue_AppearsOutsideSecretsYaml(string name)
    {
        var spec = SpecFor(name);
        var files = Render(name);
        var secretsFile = Assert.Single(files, f => f.RelativePath == ManifestRenderer.SecretsFile);

        foreach (var secret in SecretValues(spec))
        {
            foreach (var file in files.Where(f => f != secretsFile))
                Assert.False(file.Content.Contains(secret, StringComparison.Ordinal), $"{file.RelativePath} shows a secret value");
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryCredentialValue_IsInSecretsYaml(string name)
    {
        // The positive control of the test above: the values searched for are really rendered.
        var spec = SpecFor(name);
        var secrets = Assert.Single(Render(name), f => f.RelativePath == ManifestRenderer.SecretsFile).Content;

        Assert.Contains(ClusterSecret, secrets);
        Assert.Contains(Password, secrets);
        foreach (var peer in FixedMaterial(spec).ClusterPeers.Concat(FixedMaterial(spec).KuboPeers))
            Assert.Contains(peer.PrivateKeyBase64, secrets);
        if (spec.Network.PrivateSwarm)
            Assert.Contains(SwarmKey, secrets);
        else
            Assert.DoesNotContain(SwarmKey, secrets);
    }

    // ---------------------------------------------------------------------------------------
    // The Pulumi layer registers node-set objects before identities are known: their metadata
    // must not depend on identities.
    // ---------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Specs))]
    public void NodeSetMetadata_DoesNotDependOnIdentities(string name)
    {
        var spec = SpecFor(name);

        var placeholder = ClusterManifest.NodeSetObjects(spec, ClusterIdentities.Placeholder(spec.Peers), SecretsChecksum.Placeholder);
        var real = ClusterManifest.NodeSetObjects(spec, FixedMaterial(spec).Identities, SecretsChecksum.Compute(spec, FixedMaterial(spec)));

        Assert.NotEqual(ClusterIdentities.Placeholder(spec.Peers).ClusterPeerIds, FixedMaterial(spec).Identities.ClusterPeerIds);
        Assert.Equal(placeholder.Count, real.Count);
        for (var i = 0; i < real.Count; i++)
        {
            Assert.Equal(placeholder[i].ApiVersion, real[i].ApiVersion);
            Assert.Equal(placeholder[i].Kind, real[i].Kind);
            Assert.Equal(ManifestJson.Serialize(placeholder[i].Metadata), ManifestJson.Serialize(real[i].Metadata));
        }
    }
}
