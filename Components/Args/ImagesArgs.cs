using Pulumi;

namespace Ipfs.Components;

/// <summary>Container images of the node pods, pinned by tag or digest.</summary>
public sealed class ImagesArgs : ResourceArgs
{
    /// <summary>kubo image (v0.42 or newer).</summary>
    [Input("kubo")]
    public string? Kubo { get; set; }

    /// <summary>ipfs-cluster image; all peers run one version.</summary>
    [Input("cluster")]
    public string? Cluster { get; set; }
}
