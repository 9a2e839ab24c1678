using System.Collections.Immutable;
using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Identity;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;
using Pulumi;
using Pulumi.Random;

namespace Ipfs.Components;

/// <summary>
/// The cluster's secret material and the Secrets that carry it. Every value comes from
/// Pulumi.Random, so it is generated once, kept encrypted in the stack's state and never rotated
/// by a re-run: the cluster secret, one 32-byte identity seed per cluster (every cluster peer and
/// kubo node identity is derived from it by ordinal, see <see cref="IdentityDerivation"/>), the REST
/// API password (rotated only by raising <c>restApi.passwordGeneration</c>) and, for a private
/// swarm, the swarm key. Because identities are derived rather than drawn per ordinal, scaling
/// adds or removes no random resource: scaling down and up again brings back the same peers.
/// </summary>
public sealed class ClusterSecrets : ComponentResource
{
    /// <summary>Creates the random material and registers the Secrets.</summary>
    public ClusterSecrets(string name, ClusterSecretsArgs args, ComponentResourceOptions? options = null)
        : base("ipfs:index:ClusterSecrets", name, args, options)
    {
        var spec = args.Spec;
        var keep = new CustomResourceOptions { Parent = this, Protect = spec.Protect };
        var mine = new CustomResourceOptions { Parent = this };

        var clusterSecret = Bytes("cluster-secret", keep).Hex;
        var identitySeed = Bytes("identity-seed", keep).Hex;
        var password = new RandomPassword("rest-api-password", new RandomPasswordArgs
        {
            Length = 32,
            Special = false,
            Keepers = { ["generation"] = spec.RestApi.PasswordGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }, mine).Result;
        var swarmKey = spec.Network.PrivateSwarm ? Bytes("swarm-key", keep).Hex : Output.Create("");

        Material = Output.CreateSecret(Output.Tuple(clusterSecret, password, swarmKey, identitySeed)
            .Apply(t =>
            {
                var (clusterPeers, kuboPeers) = IdentityDerivation.ForPeers(t.Item4, spec.Peers);
                return new SecretMaterial(t.Item1, t.Item2, spec.Network.PrivateSwarm ? t.Item3 : null, clusterPeers, kuboPeers);
            }));
        // Public halves only, from the identity seed alone: a rotated password (unknown during its
        // preview) leaves the peer IDs and every object built from them known.
        Identities = Output.Unsecret(identitySeed.Apply(seed =>
        {
            var (clusterPeers, kuboPeers) = IdentityDerivation.ForPeers(seed, spec.Peers);
            return new ClusterIdentities(clusterPeers.Select(p => p.PeerId).ToList(), kuboPeers.Select(p => p.PeerId).ToList());
        }));
        // A keyed digest (HMAC under a key derived from the cluster secret) reveals nothing about
        // the values, so it may leave the secret: it is unknown in a preview exactly when some
        // random material is (re)created, which is when the pods must roll.
        SecretsChecksum = Output.Unsecret(Material.Apply(m => Manifests.Builders.SecretsChecksum.Compute(spec, m)));
        ClusterPeerIds = Identities.Apply(i => i.ClusterPeerIds.ToImmutableArray());
        KuboPeerIds = Identities.Apply(i => i.KuboPeerIds.ToImmutableArray());
        RestApiPassword = Output.CreateSecret(password);

        var shape = ClusterSecretsBuilder.Build(spec, Placeholder(spec)).Cast<IKubernetesObject<V1ObjectMeta>>().ToList();
        Secrets = ManifestRegistration.Register(this, shape,
            Material.Apply(m => (IReadOnlyList<IKubernetesObject<V1ObjectMeta>>)ClusterSecretsBuilder.Build(spec, m).Cast<IKubernetesObject<V1ObjectMeta>>().ToList()),
            (_, _) => SecretOptions(ManifestRegistration.Options(args.DependsOn, spec.Protect)));

        RegisterOutputs(new Dictionary<string, object?>
        {
            ["clusterPeerIds"] = ClusterPeerIds,
            ["kuboPeerIds"] = KuboPeerIds,
        });
    }

    /// <summary>All secret values (a Pulumi secret). Only Secret objects are built from it.</summary>
    public Output<SecretMaterial> Material { get; }

    /// <summary>Public peer IDs by ordinal, not secret: everything non-Secret is built from these.</summary>
    public Output<ClusterIdentities> Identities { get; }

    /// <summary>
    /// Keyed digest of the Secrets' data (<see cref="Manifests.Builders.SecretsChecksum"/>), not
    /// secret: the node set's pod template carries it so that any rotation rolls the pods.
    /// </summary>
    public Output<string> SecretsChecksum { get; }

    /// <summary>ipfs-cluster peer IDs by ordinal.</summary>
    [Output("clusterPeerIds")]
    public Output<ImmutableArray<string>> ClusterPeerIds { get; private set; }

    /// <summary>kubo peer IDs by ordinal.</summary>
    [Output("kuboPeerIds")]
    public Output<ImmutableArray<string>> KuboPeerIds { get; private set; }

    /// <summary>The REST API password (a Pulumi secret).</summary>
    public Output<string> RestApiPassword { get; }

    /// <summary>The registered Secret objects.</summary>
    public IReadOnlyList<ManifestObject> Secrets { get; }

    /// <summary>
    /// Marks the Secrets' value fields secret in whatever the provider returns, as the typed
    /// Pulumi.Kubernetes Secret does (the provider does so too; this does not depend on it).
    /// </summary>
    private static CustomResourceOptions SecretOptions(CustomResourceOptions options)
    {
        options.AdditionalSecretOutputs = ["data", "stringData"];
        return options;
    }

    private RandomBytes Bytes(string name, CustomResourceOptions options) =>
        new(name, new RandomBytesArgs { Length = 32 }, new CustomResourceOptions { Parent = options.Parent, Protect = options.Protect });

    private static SecretMaterial Placeholder(ClusterSpec spec)
    {
        var ids = Enumerable.Range(0, spec.Peers).Select(i => PeerIdentity.FromSeed(new byte[32])).ToList();
        return new SecretMaterial(new string('0', 64), "placeholder", spec.Network.PrivateSwarm ? new string('0', 64) : null, ids, ids);
    }
}

/// <summary>Arguments of <see cref="ClusterSecrets"/>.</summary>
public sealed class ClusterSecretsArgs : ResourceArgs
{
    /// <summary>The validated cluster spec.</summary>
    public required ClusterSpec Spec { get; init; }

    /// <summary>Resources the Secrets wait for (the namespace).</summary>
    public IReadOnlyList<Resource> DependsOn { get; init; } = [];

    /// <summary>Namespace of the Secrets (recorded as the component's input).</summary>
    [Input("namespace")]
    public Input<string>? Namespace => Spec.Namespace;

    /// <summary>Peer count (recorded as the component's input).</summary>
    [Input("peers")]
    public Input<int>? Peers => Spec.Peers;
}
