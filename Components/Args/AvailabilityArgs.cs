using Pulumi;

namespace Ipfs.Components;

/// <summary>How the pods are spread over nodes and zones.</summary>
public sealed class AvailabilityArgs : ResourceArgs
{
    /// <summary>Pod anti-affinity by node.</summary>
    [Input("antiAffinity")]
    public string? AntiAffinity { get; set; }

    /// <summary>Spread pods across zones (topology.kubernetes.io/zone).</summary>
    [Input("zoneSpread")]
    public bool? ZoneSpread { get; set; }
}
