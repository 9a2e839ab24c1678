using System.Net;
using k8s.Models;

namespace Ipfs.Manifests.Tests.Builders.Network;

/// <summary>
/// One end of a connection: a pod (its namespace, the namespace's labels and its own labels) or an
/// address outside the Kubernetes cluster.
/// </summary>
internal sealed record Endpoint(string Name, string? Namespace, IReadOnlyDictionary<string, string> NamespaceLabels,
    IReadOnlyDictionary<string, string> PodLabels, IPAddress? Address)
{
    public bool IsPod => Namespace is not null;

    /// <summary>A pod of <paramref name="ns"/>; the namespace carries kubernetes.io/metadata.name like every namespace does.</summary>
    public static Endpoint Pod(string name, string ns, IReadOnlyDictionary<string, string> labels) =>
        new(name, ns, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = ns }, labels, null);

    public static Endpoint Pod(string name, string ns, params (string Key, string Value)[] labels) =>
        Pod(name, ns, labels.ToDictionary(l => l.Key, l => l.Value));

    public static Endpoint External(string name, string address) =>
        new(name, null, new Dictionary<string, string>(), new Dictionary<string, string>(), IPAddress.Parse(address));

    public override string ToString() => Name;
}

/// <summary>
/// Decides whether a connection is allowed under a set of NetworkPolicies, following the Kubernetes
/// semantics (networking.k8s.io/v1):
/// <list type="bullet">
/// <item>a pod is isolated for ingress (egress) when at least one policy in its namespace selects it
/// with that policy type; a pod no policy isolates accepts (sends) everything;</item>
/// <item>an isolated pod admits a connection when any rule of any policy selecting it matches: the
/// policies are a union, their order does not matter;</item>
/// <item>a rule matches when one of its peers matches the other end (no peers: every source) and one
/// of its ports matches (no ports: every port); the protocol defaults to TCP and endPort makes a range;</item>
/// <item>a peer's podSelector alone means pods of the policy's namespace; namespaceSelector alone means
/// every pod of the matching namespaces; both together means matching pods in matching namespaces;
/// ipBlock matches addresses outside the cluster (cidr minus except);</item>
/// <item>a connection between two pods needs the source's egress and the destination's ingress.</item>
/// </list>
/// Named ports are refused: the policies built here use numbers only.
/// </summary>
internal sealed class NetworkPolicyEvaluator(IEnumerable<V1NetworkPolicy> policies)
{
    private readonly List<V1NetworkPolicy> _policies = policies.ToList();

    /// <summary>Whether <paramref name="source"/> may open a connection to <paramref name="destination"/> on <paramref name="port"/>/<paramref name="protocol"/>.</summary>
    public bool Allows(Endpoint source, Endpoint destination, int port, string protocol = "TCP") =>
        (!source.IsPod || EgressAllows(source, destination, port, protocol)) &&
        (!destination.IsPod || IngressAllows(destination, source, port, protocol));

    public bool IngressAllows(Endpoint pod, Endpoint source, int port, string protocol)
    {
        var selecting = Selecting(pod, "Ingress").ToList();
        return selecting.Count == 0 || selecting.Any(p => (p.Spec.Ingress ?? []).Any(rule =>
            PortsMatch(rule.Ports, port, protocol) && PeersMatch(rule.FromProperty, source, p.Metadata.NamespaceProperty)));
    }

    public bool EgressAllows(Endpoint pod, Endpoint destination, int port, string protocol)
    {
        var selecting = Selecting(pod, "Egress").ToList();
        return selecting.Count == 0 || selecting.Any(p => (p.Spec.Egress ?? []).Any(rule =>
            PortsMatch(rule.Ports, port, protocol) && PeersMatch(rule.To, destination, p.Metadata.NamespaceProperty)));
    }

    /// <summary>Policies of the pod's namespace that select it and isolate it in <paramref name="direction"/>.</summary>
    private IEnumerable<V1NetworkPolicy> Selecting(Endpoint pod, string direction) => _policies.Where(p =>
        p.Metadata.NamespaceProperty == pod.Namespace &&
        Matches(p.Spec.PodSelector ?? throw new InvalidOperationException($"{p.Metadata.Name}: spec.podSelector is required"), pod.PodLabels) &&
        Types(p).Contains(direction));

    /// <summary>policyTypes, or the API server's default: Ingress, plus Egress when there are egress rules.</summary>
    private static IEnumerable<string> Types(V1NetworkPolicy policy) =>
        policy.Spec.PolicyTypes is { Count: > 0 } types ? types : policy.Spec.Egress is { Count: > 0 } ? ["Ingress", "Egress"] : ["Ingress"];

    private static bool PortsMatch(IList<V1NetworkPolicyPort>? ports, int port, string protocol) =>
        ports is null || ports.Count == 0 || ports.Any(p =>
        {
            if ((p.Protocol ?? "TCP") != protocol) return false;
            if (p.Port is null) return true;
            if (!int.TryParse(p.Port.Value, out var number)) throw new NotSupportedException($"named port '{p.Port.Value}'");
            return p.EndPort is { } end ? port >= number && port <= end : port == number;
        });

    private static bool PeersMatch(IList<V1NetworkPolicyPeer>? peers, Endpoint other, string policyNamespace) =>
        peers is null || peers.Count == 0 || peers.Any(peer => PeerMatches(peer, other, policyNamespace));

    private static bool PeerMatches(V1NetworkPolicyPeer peer, Endpoint other, string policyNamespace)
    {
        if (peer.IpBlock is { } block)
        {
            if (peer.PodSelector is not null || peer.NamespaceSelector is not null)
                throw new InvalidOperationException("ipBlock must be the only field of its peer");
            return other.Address is { } address && IPNetwork.Parse(block.Cidr).Contains(address) &&
                   !(block.Except ?? []).Any(e => IPNetwork.Parse(e).Contains(address));
        }
        if (!other.IsPod) return false;
        if (peer.NamespaceSelector is null && peer.PodSelector is null)
            throw new InvalidOperationException("a peer needs podSelector, namespaceSelector or ipBlock");
        var namespaceMatches = peer.NamespaceSelector is { } ns ? Matches(ns, other.NamespaceLabels) : other.Namespace == policyNamespace;
        var podMatches = peer.PodSelector is not { } pods || Matches(pods, other.PodLabels);
        return namespaceMatches && podMatches;
    }

    /// <summary>Label selector semantics: every matchLabels pair and every matchExpressions requirement; empty selects everything.</summary>
    public static bool Matches(V1LabelSelector selector, IReadOnlyDictionary<string, string> labels) =>
        (selector.MatchLabels ?? new Dictionary<string, string>()).All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value) &&
        (selector.MatchExpressions ?? []).All(e => e.OperatorProperty switch
        {
            "In" => labels.TryGetValue(e.Key, out var v) && e.Values.Contains(v),
            "NotIn" => !labels.TryGetValue(e.Key, out var v) || !e.Values.Contains(v),
            "Exists" => labels.ContainsKey(e.Key),
            "DoesNotExist" => !labels.ContainsKey(e.Key),
            _ => throw new NotSupportedException($"selector operator {e.OperatorProperty}"),
        });
}
