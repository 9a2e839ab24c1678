using Pulumi;

namespace Ipfs.Components;

/// <summary>CPU and memory of the two containers of every pod.</summary>
public sealed class ResourcesArgs : ResourceArgs
{
    /// <summary>The kubo container. Default requests/limits: cpu 250m/1, memory 512Mi/2Gi (dev); cpu 2/4, memory 8Gi/8Gi (prod).</summary>
    [Input("kubo")]
    public ContainerResourcesArgs? Kubo { get; set; }

    /// <summary>The ipfs-cluster container. Default requests/limits: cpu 100m/500m, memory 128Mi/512Mi (dev); cpu 500m/1, memory 1Gi/2Gi (prod).</summary>
    [Input("cluster")]
    public ContainerResourcesArgs? Cluster { get; set; }
}

/// <summary>Requests and limits of one container; a request must not exceed its limit.</summary>
public sealed class ContainerResourcesArgs : ResourceArgs
{
    /// <summary>Requests (what the scheduler reserves).</summary>
    [Input("requests")]
    public ResourceAmountsArgs? Requests { get; set; }

    /// <summary>Limits (the most the container may use). The CPU limit sets GOMAXPROCS; kubo's memory limit sets GOMEMLIMIT and Swarm.ResourceMgr.MaxMemory.</summary>
    [Input("limits")]
    public ResourceAmountsArgs? Limits { get; set; }
}

/// <summary>A CPU and a memory amount of one container.</summary>
public sealed class ResourceAmountsArgs : ResourceArgs
{
    /// <summary>CPU. Allowed: Kubernetes quantity (e.g. 500m, 2).</summary>
    [Input("cpu")]
    public string? Cpu { get; set; }

    /// <summary>Memory. Allowed: Kubernetes quantity (e.g. 512Mi, 2Gi).</summary>
    [Input("memory")]
    public string? Memory { get; set; }
}
