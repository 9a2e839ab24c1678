using Pulumi;

namespace Ipfs.Components;

/// <summary>CPU and memory of the two containers of every pod.</summary>
public sealed class ResourcesArgs : ResourceArgs
{
    /// <summary>The kubo container.</summary>
    [Input("kubo")]
    public ContainerResourcesArgs? Kubo { get; set; }

    /// <summary>The ipfs-cluster container.</summary>
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
    /// <summary>CPU, a Kubernetes quantity (e.g. 500m, 2).</summary>
    [Input("cpu")]
    public string? Cpu { get; set; }

    /// <summary>Memory, a Kubernetes quantity (e.g. 512Mi, 2Gi).</summary>
    [Input("memory")]
    public string? Memory { get; set; }
}
