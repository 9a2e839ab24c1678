using Ipfs.Components;
using Ipfs.Manifests.Spec;
using Pulumi;
using Pulumi.Kubernetes;

namespace Ipfs.Infra.Stacks;

/// <summary>
/// One environment's stack: an explicit Kubernetes provider configured from the spec (default
/// providers are disabled in the stack files) and the <see cref="IpfsCluster"/> on it.
/// </summary>
internal static class IpfsStack
{
    /// <summary>Creates the resources and returns the stack outputs (secrets stay secret).</summary>
    public static IDictionary<string, object?> Run(ClusterSpec spec)
    {
        var providerArgs = new ProviderArgs { Namespace = spec.Namespace, EnableServerSideApply = true };
        if (spec.Kubernetes.Context is { } context) providerArgs.Context = context;
        if (spec.Kubernetes.Kubeconfig?.Plaintext is { } kubeconfig) providerArgs.KubeConfig = Output.CreateSecret(kubeconfig);
        var provider = new Provider("kubernetes", providerArgs);

        var cluster = new IpfsCluster(spec.Name, IpfsClusterArgs.FromSpec(spec),
            new ComponentResourceOptions { Providers = [provider] });

        return new Dictionary<string, object?>
        {
            ["namespace"] = cluster.Namespace,
            ["peerServiceName"] = cluster.PeerServiceName,
            ["apiServiceName"] = cluster.ApiServiceName,
            ["gatewayServiceName"] = cluster.GatewayServiceName,
            ["clusterPeerIds"] = cluster.ClusterPeerIds,
            ["kuboPeerIds"] = cluster.KuboPeerIds,
            ["restApiUser"] = cluster.RestApiUser,
            ["restApiPassword"] = cluster.RestApiPassword,
        };
    }
}
