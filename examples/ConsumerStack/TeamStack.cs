using Ipfs.Components;
using Pulumi;
using Pulumi.Kubernetes;

namespace Example.ConsumerStack;

/// <summary>A team's stack: one IPFS cluster in its own namespace, on its own provider.</summary>
public static class TeamStack
{
    /// <summary>Creates the provider and the cluster; returns the stack outputs.</summary>
    public static IDictionary<string, object?> Create()
    {
        var provider = new Provider("team-cluster", new ProviderArgs { Context = "team-prod", Namespace = "media-ipfs" });

        var cluster = new IpfsCluster("media", new IpfsClusterArgs
        {
            Profile = "prod",
            Namespace = "media-ipfs",
            Name = "media",
            Peers = 5,
            Storage = new StorageArgs { Platform = "aws", DataSize = "200Gi" },
            Network = new NetworkArgs { Api = new ApiAccessArgs { ClientNamespaces = ["media-app"] } },
        }, new ComponentResourceOptions { Providers = [provider] });

        return new Dictionary<string, object?>
        {
            ["namespace"] = cluster.Namespace,
            ["clusterPeerIds"] = cluster.ClusterPeerIds,
            ["restApiPassword"] = cluster.RestApiPassword,
        };
    }
}
