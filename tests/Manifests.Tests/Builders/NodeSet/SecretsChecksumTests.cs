using System.Security.Cryptography;
using System.Text;
using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Serialization;
using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.NodeSet;

/// <summary>
/// A rotation of any Secret the pods read at start rolls them: the StatefulSet's pod template
/// changes exactly when such a Secret changes, and the digest that does it reveals no value.
/// </summary>
public class SecretsChecksumTests
{
    private static readonly ClusterSpec Private = TestSpecs.Prod with { Network = TestSpecs.Prod.Network with { PrivateSwarm = true } };

    private static SecretMaterial Material(ClusterSpec spec, string? clusterSecret = null, string? password = null, string? swarmKey = null, int identityKind = 1)
    {
        var m = TestSpecs.Material(spec);
        return new SecretMaterial(clusterSecret ?? m.ClusterSecretHex, password ?? m.RestApiPassword, swarmKey ?? m.SwarmKeyHex,
            Enumerable.Range(0, spec.Peers).Select(i => TestSpecs.Identity(identityKind, i)).ToList(),
            Enumerable.Range(0, spec.Peers).Select(i => TestSpecs.Identity(identityKind + 1, i)).ToList());
    }

    private static V1StatefulSet StatefulSet(ClusterSpec spec, SecretMaterial material) =>
        ClusterManifest.Build(spec, material).SelectMany(c => c.Objects).OfType<V1StatefulSet>().Single();

    private static string Template(ClusterSpec spec, SecretMaterial material) => ManifestJson.Serialize(StatefulSet(spec, material).Spec.Template);

    private static string Digest(ClusterSpec spec, SecretMaterial material) =>
        StatefulSet(spec, material).Spec.Template.Metadata.Annotations[SecretsChecksum.Annotation];

    public static TheoryData<string> Rotations => ["password", "cluster secret", "swarm key", "identities"];

    private static SecretMaterial Rotated(string what) => what switch
    {
        "password" => Material(Private, password: "a-rotated-password"),
        "cluster secret" => Material(Private, clusterSecret: new string('c', 64)),
        "swarm key" => Material(Private, swarmKey: new string('d', 64)),
        _ => Material(Private, identityKind: 5),
    };

    [Theory]
    [MemberData(nameof(Rotations))]
    public void RotatingASecretThePodsReadChangesThePodTemplate(string what)
    {
        Assert.NotEqual(Template(Private, Material(Private)), Template(Private, Rotated(what)));
        Assert.NotEqual(Digest(Private, Material(Private)), Digest(Private, Rotated(what)));
    }

    [Fact]
    public void APasswordRotationChangesOnlyTheSecretsDigestOfTheStatefulSet()
    {
        var before = StatefulSet(Private, Material(Private));
        var after = StatefulSet(Private, Rotated("password"));
        after.Spec.Template.Metadata.Annotations[SecretsChecksum.Annotation] = before.Spec.Template.Metadata.Annotations[SecretsChecksum.Annotation];
        Assert.Equal(ManifestJson.Serialize(before), ManifestJson.Serialize(after));
    }

    [Fact]
    public void TheSameSecretsGiveTheSameTemplate_AndAChangeElsewhereLeavesTheDigestAlone()
    {
        Assert.Equal(Template(Private, Material(Private)), Template(Private, Material(Private)));
        var tuned = Private with { Cluster = Private.Cluster with { ConcurrentPins = 42 } };
        Assert.Equal(Digest(Private, Material(Private)), Digest(tuned, Material(tuned)));
    }

    [Fact]
    public void TheRestApiUserIsPartOfTheCredentialsSecret_SoChangingItRollsThePods()
    {
        var renamed = Private with { RestApi = Private.RestApi with { User = "operator" } };
        Assert.NotEqual(Digest(Private, Material(Private)), Digest(renamed, Material(renamed)));
    }

    [Fact]
    public void TheDigestIsKeyed_NeitherAValueNorAPlainHashOfOneAppears()
    {
        var material = Material(Private);
        var template = Template(Private, material);
        var secrets = ClusterSecretsBuilder.Build(Private, material);
        var values = secrets.SelectMany(s => s.StringData.Values).ToList();
        foreach (var value in values)
        {
            Assert.DoesNotContain(value, template, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value))), template, StringComparison.Ordinal);
        }
        // Without the cluster secret the digest cannot be recomputed: another key gives another digest over the same data.
        Assert.NotEqual(SecretsChecksum.Compute(secrets, material.ClusterSecretHex), SecretsChecksum.Compute(secrets, new string('e', 64)));
        Assert.StartsWith("hmac-sha256:", Digest(Private, material), StringComparison.Ordinal);
    }
}
