using System.Net;

namespace Ipfs.Manifests.Builders.NodeSet;

/// <summary>
/// kubo's server-profile address filters (kubo v0.42 config/profile.go defaultServerFilters) minus
/// every range that overlaps the Kubernetes cluster's pod or service ranges: filtering those would
/// cut the links between the cluster's own pods.
/// </summary>
public static class KuboAddressFilters
{
    /// <summary>The server profile's ranges.</summary>
    public static IReadOnlyList<string> ServerProfileRanges { get; } =
    [
        "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4",
        "::/3", "::1/128", "100::/64", "2001:2::/48", "2001:db8::/32", "fc00::/7", "fe80::/10",
    ];

    /// <summary>Filters as multiaddresses (/ip4/…/ipcidr/N), without any range that overlaps <paramref name="clusterCidrs"/>.</summary>
    public static IReadOnlyList<string> For(IEnumerable<string> clusterCidrs)
    {
        var keep = clusterCidrs.Select(IPNetwork.Parse).ToList();
        return ServerProfileRanges
            .Select(IPNetwork.Parse)
            .Where(range => !keep.Any(c => Overlaps(range, c)))
            .Select(range => $"/{(range.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? "ip4" : "ip6")}/{range.BaseAddress}/ipcidr/{range.PrefixLength}")
            .ToList();
    }

    private static bool Overlaps(IPNetwork a, IPNetwork b) =>
        a.BaseAddress.AddressFamily == b.BaseAddress.AddressFamily && (a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress));
}
