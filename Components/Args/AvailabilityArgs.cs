using Pulumi;

namespace Ipfs.Components;

/// <summary>How the pods are spread over nodes and zones.</summary>
public sealed class AvailabilityArgs : ResourceArgs
{
    /// <summary>Pod anti-affinity by node. Allowed: one of preferred, required. Default: preferred (dev), required (prod).</summary>
    [Input("antiAffinity")]
    public string? AntiAffinity { get; set; }

    /// <summary>Spread pods across zones (topology.kubernetes.io/zone). Default: false (dev), true (prod).</summary>
    [Input("zoneSpread")]
    public bool? ZoneSpread { get; set; }
}
