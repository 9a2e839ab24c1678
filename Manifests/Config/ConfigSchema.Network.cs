using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ipfs.Manifests.Naming;
using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Config;

public static partial class ConfigSchema
{
    private static IEnumerable<ConfigField> NetworkFields() =>
    [
        Same("network.privateSwarm", FieldType.Bool, "Private swarm: swarm key, LIBP2P_FORCE_PNET, no public bootstrap, QUIC/WebTransport/WebRTC off.", false),
        Same("network.clusterCidrs", FieldType.CidrList, "Pod and Service ranges of the Kubernetes cluster; kubo never filters or hides these.",
            List("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")),
        Same("network.clusterDomain", DnsDomain,
            "DNS domain of the Kubernetes cluster (kubelet --cluster-domain); every in-cluster address ends in it: the peer directory's /dns/ addresses and the pinset jobs' REST API address (e.g. ipfs-0.ipfs-peers.ipfs.svc.cluster.local).",
            NetworkSpec.DefaultClusterDomain),

        Same("network.exposure", FieldType.OneOf("none", "nodePort", "loadBalancer"),
            "Public reachability of kubo's swarm port 4001 (never the APIs): none, one NodePort Service per pod, or one LoadBalancer Service per pod; kubo announces the matching public address.", "none"),
        Same("network.nodePort.basePort", FieldType.Int(30000, 32767),
            "nodePort exposure: pod N's swarm is node port basePort+N (TCP, and UDP for QUIC when the swarm is public).", 30401),
        Same("network.nodePort.nodeAddresses", IpAddressList,
            "nodePort exposure: public node addresses every pod announces (any node forwards). Empty: each pod announces its own node's address (status.hostIP) and only that node forwards, keeping client addresses.", new JsonArray()),
        Same("network.loadBalancer.addresses", IpAddressList,
            "loadBalancer exposure: one static address per peer; pod N's Service requests the N-th and kubo announces it.", new JsonArray()),
        Same("network.loadBalancer.addressAnnotation", OptionalQualifiedName,
            "loadBalancer exposure: annotation that requests the address (e.g. metallb.universe.tf/loadBalancerIPs, service.beta.kubernetes.io/azure-load-balancer-ipv4); none: spec.loadBalancerIP.", ""),
        Same("network.loadBalancer.annotations", AnnotationMap,
            "loadBalancer exposure: extra annotations on every swarm LoadBalancer Service (provider settings).", new JsonObject()),

        Same("network.api.clientNamespaces", NamespaceList,
            "Namespaces whose pods may call the cluster REST API (9094), IPFS proxy (9095) and pinning service API (9097).", new JsonArray()),
        Same("network.api.clientPodSelector", LabelMap,
            "Labels of pods in the cluster's own namespace that may call the APIs; empty: none.", new JsonObject()),
        Same("network.gateway.namespace", OptionalDnsLabel,
            "Namespace of the gateway layer (e.g. the ingress controller) whose pods may reach kubo's gateway (8080); none: nobody.", ""),

        Same("network.ingress.enabled", FieldType.Bool, "An Ingress for kubo's gateway (needs network.ingress.host and network.gateway.namespace).", false),
        Same("network.ingress.className", OptionalDnsSubdomain, "IngressClass of the gateway Ingress; none: the cluster's default class.", ""),
        Same("network.ingress.host", OptionalHost, "Host name the gateway Ingress answers for (may start with '*.').", ""),
        Same("network.ingress.tlsSecret", OptionalDnsSubdomain, "Secret holding the gateway Ingress's TLS certificate (e.g. from cert-manager); none: plain HTTP.", ""),
    ];

    // Properties, not fields: Fields (in another part of this class) is initialised first and calls
    // NetworkFields(), before any static field of this file would be.

    /// <summary>A DNS domain such as cluster.local (see <see cref="KubernetesNames.DnsDomainProblem"/>).</summary>
    internal static FieldType DnsDomain => new DnsDomainType();

    /// <summary>A list of distinct IPv4 or IPv6 addresses in canonical form.</summary>
    internal static FieldType IpAddressList => FieldType.ListOf("list of IP addresses", "must be a list of IP addresses such as [34.120.0.10, 2600:1900::10]",
        text => IPAddress.TryParse(text, out var address) && address.ToString() == text && !text.Contains('%') ? null
            : $"'{text}' is not an IP address in canonical form (e.g. 34.120.0.10, 2600:1900::10)");

    /// <summary>A list of distinct namespace names.</summary>
    internal static FieldType NamespaceList => FieldType.ListOf("list of namespace names", "must be a list of namespace names such as [apps, batch]",
        text => KubernetesNames.IsDnsLabel(text) ? null
            : $"'{text}' is not a namespace name (a DNS-1123 label: lower-case letters, digits and '-', at most 63 characters)");

    /// <summary>A map of Kubernetes label keys to label values.</summary>
    internal static FieldType LabelMap => FieldType.LabelMap;

    /// <summary>A map of Kubernetes annotation keys to any string.</summary>
    internal static FieldType AnnotationMap => FieldType.AnnotationMap;

    /// <summary>A namespace name, or empty for none.</summary>
    internal static FieldType OptionalDnsLabel => FieldType.Matching(
        "DNS-1123 label, or empty for none", "must be a namespace name (a DNS-1123 label: lower-case letters, digits and '-') or empty for none",
        KubernetesNames.IsDnsLabel, allowEmpty: true);

    /// <summary>An object name that may contain dots (a DNS-1123 subdomain), or empty for none.</summary>
    internal static FieldType OptionalDnsSubdomain => FieldType.Matching(
        "DNS-1123 subdomain, or empty for none", "must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253 characters) or empty for none",
        KubernetesNames.IsDnsSubdomain, allowEmpty: true);

    /// <summary>A host name for an Ingress rule, or empty for none.</summary>
    internal static FieldType OptionalHost => FieldType.Matching(
        "host name (may start with '*.'), or empty for none", "must be a DNS host name such as ipfs.example.com or *.ipfs.example.com (not an IP address), or empty for none",
        text => !IPAddress.TryParse(text, out _) && KubernetesNames.IsDnsSubdomain(text.StartsWith("*.", StringComparison.Ordinal) ? text[2..] : text), allowEmpty: true);

    /// <summary>An annotation key, or empty for none.</summary>
    internal static FieldType OptionalQualifiedName => FieldType.Matching(
        "annotation key, or empty for none", "must be an annotation key such as metallb.universe.tf/loadBalancerIPs, or empty for none",
        KubernetesNames.IsQualifiedName, allowEmpty: true);

    private sealed class DnsDomainType : FieldType
    {
        public override string Describe() => "DNS domain (RFC 1123 labels, no trailing dot)";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            var text = ScalarText(node);
            value = text;
            var problem = text is null ? "it must be one name, not a list or a map" : KubernetesNames.DnsDomainProblem(text);
            error = $"must be a DNS domain such as cluster.local: {problem}";
            return problem is null;
        }
    }
}
