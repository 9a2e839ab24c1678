using Pulumi;

namespace Ipfs.Components;

/// <summary>Container images of the node pods, pinned by tag or digest.</summary>
public sealed class ImagesArgs : ResourceArgs
{
    /// <summary>kubo image (v0.42 or newer). Allowed: image reference pinned by tag or digest (never latest). Default: ipfs/kubo:v0.42.0 (both profiles).</summary>
    [Input("kubo")]
    public string? Kubo { get; set; }

    /// <summary>ipfs-cluster image; all peers run one version. Allowed: image reference pinned by tag or digest (never latest). Default: ipfs/ipfs-cluster:v1.1.6 (both profiles).</summary>
    [Input("cluster")]
    public string? Cluster { get; set; }
}
