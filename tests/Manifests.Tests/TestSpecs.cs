using Ipfs.Manifests.Config;
using Ipfs.Manifests.Identity;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Tests;

/// <summary>Profile specs and fixed, reproducible material for builder tests.</summary>
internal static class TestSpecs
{
    public static ClusterSpec Dev => ClusterSpecDefaults.For(Profile.Dev);

    public static ClusterSpec Prod => ClusterSpecDefaults.For(Profile.Prod);

    public static PeerIdentity Identity(int kind, int ordinal)
    {
        var seed = new byte[32];
        seed[0] = (byte)(kind + 10);
        BitConverter.TryWriteBytes(seed.AsSpan(4), ordinal);
        return PeerIdentity.FromSeed(seed);
    }

    public static SecretMaterial Material(ClusterSpec spec) => new(
        new string('a', 64),
        "fixed-test-password",
        spec.Network.PrivateSwarm ? new string('b', 64) : null,
        Enumerable.Range(0, spec.Peers).Select(i => Identity(1, i)).ToList(),
        Enumerable.Range(0, spec.Peers).Select(i => Identity(2, i)).ToList());
}
