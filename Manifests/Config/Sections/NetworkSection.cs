using System.Net;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Config;

internal static partial class SpecSections
{
    /// <summary>The network.* keys as a <see cref="NetworkSpec"/>.</summary>
    public static NetworkSpec Network(Func<string, object?> value)
    {
        string? Optional(string path) => value(path) is string { Length: > 0 } text ? text : null;
        return new((bool)value("network.privateSwarm")!, (List<string>)value("network.clusterCidrs")!)
        {
            ClusterDomain = (string)value("network.clusterDomain")!,
            Exposure = Enum.Parse<SwarmExposure>((string)value("network.exposure")!, ignoreCase: true),
            NodePort = new((int)value("network.nodePort.basePort")!, (List<string>)value("network.nodePort.nodeAddresses")!),
            LoadBalancer = new((List<string>)value("network.loadBalancer.addresses")!, Optional("network.loadBalancer.addressAnnotation"),
                (IReadOnlyDictionary<string, string>)value("network.loadBalancer.annotations")!),
            Api = new((List<string>)value("network.api.clientNamespaces")!, (IReadOnlyDictionary<string, string>)value("network.api.clientPodSelector")!),
            GatewayNamespace = Optional("network.gateway.namespace"),
            Ingress = new((bool)value("network.ingress.enabled")!, Optional("network.ingress.className"),
                Optional("network.ingress.host"), Optional("network.ingress.tlsSecret")),
        };
    }

    /// <summary>Highest node port of Kubernetes' default service-node-port-range.</summary>
    private const int HighestNodePort = 32767;

    /// <summary>
    /// Cross-key rules of the network.* keys: a cluster domain that is no DNS domain (a consumer may
    /// set it in code) or that makes a pod's address longer than DNS allows, exposure settings that
    /// cannot work (too few load-balancer addresses, node ports beyond the range, announced addresses
    /// kubo would hide) and an Ingress without a host or without a namespace allowed to reach the gateway.
    /// </summary>
    public static void ValidateNetwork(ClusterSpec spec, Action<string, object, string> problem)
    {
        var network = spec.Network;
        CheckClusterDomain(spec, problem);
        switch (network.Exposure)
        {
            case SwarmExposure.NodePort:
                var highest = network.NodePort.PortOf(spec.Peers - 1);
                if (highest > HighestNodePort)
                    problem("network.nodePort.basePort", network.NodePort.BasePort,
                        $"gives pod {spec.Peers - 1} node port {highest}, beyond the node port range 30000-{HighestNodePort}: use at most {HighestNodePort - spec.Peers + 1} for {spec.Peers} peers");
                CheckAnnounced("network.nodePort.nodeAddresses", network.NodePort.NodeAddresses, network.ClusterCidrs, problem);
                break;
            case SwarmExposure.LoadBalancer:
                if (network.LoadBalancer.Addresses.Count < spec.Peers)
                    problem("network.loadBalancer.addresses", ShowList(network.LoadBalancer.Addresses),
                        $"must hold one static address per peer under network.exposure loadBalancer ({spec.Peers} peers, {network.LoadBalancer.Addresses.Count} addresses): pod N's Service requests the N-th and kubo announces it");
                CheckAnnounced("network.loadBalancer.addresses", network.LoadBalancer.Addresses, network.ClusterCidrs, problem);
                break;
        }

        if (network.Ingress.Enabled)
        {
            if (network.Ingress.Host is null)
                problem("network.ingress.host", "(none)", "is required when network.ingress.enabled is true");
            if (network.GatewayNamespace is null)
                problem("network.gateway.namespace", "(none)",
                    "must name the ingress controller's namespace when network.ingress.enabled is true: only that namespace may reach the gateway");
        }
    }

    /// <summary>The cluster domain is a DNS domain, and the longest pod address under it stays within DNS's 253 characters.</summary>
    private static void CheckClusterDomain(ClusterSpec spec, Action<string, object, string> problem)
    {
        var domain = spec.Network.ClusterDomain;
        if (Naming.KubernetesNames.DnsDomainProblem(domain) is { } syntax)
        {
            problem("network.clusterDomain", domain, $"must be a DNS domain such as cluster.local: {syntax}");
            return;
        }
        var longest = spec.Names.PodDns(spec.Peers - 1);
        if (longest.Length > Naming.KubernetesNames.MaxDnsName)
            problem("network.clusterDomain", domain,
                $"makes pod {spec.Peers - 1}'s address {longest} {longest.Length} characters long, beyond DNS's {Naming.KubernetesNames.MaxDnsName}: " +
                $"with this name and namespace the domain may have at most {Naming.KubernetesNames.MaxDnsName - (longest.Length - domain.Length)} characters");
    }

    /// <summary>Addresses kubo announces must not fall in its Addresses.NoAnnounce ranges, or kubo silently drops them.</summary>
    private static void CheckAnnounced(string path, IReadOnlyList<string> addresses, IReadOnlyList<string> clusterCidrs, Action<string, object, string> problem)
    {
        // The filters kubo is configured with, as ranges: "/ip4/10.0.0.0/ipcidr/8" -> 10.0.0.0/8.
        var hidden = KuboAddressFilters.For(clusterCidrs)
            .Select(filter => filter.Split('/'))
            .Select(parts => new IPNetwork(IPAddress.Parse(parts[2]), int.Parse(parts[4], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        foreach (var address in addresses)
        {
            var ip = IPAddress.Parse(address);
            foreach (var range in hidden.Where(r => r.Contains(ip)).Take(1))
                problem(path, ShowList(addresses),
                    $"'{address}' lies in {range}, which kubo never announces (server-profile Addresses.NoAnnounce): use a public address, or add the range to network.clusterCidrs if it is reachable");
        }
    }

    private static string ShowList(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";
}
