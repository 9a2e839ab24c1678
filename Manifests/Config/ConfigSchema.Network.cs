using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ipfs.Manifests.Naming;

namespace Ipfs.Manifests.Config;

public static partial class ConfigSchema
{
    private static IEnumerable<ConfigField> NetworkFields() =>
    [
        Same("network.privateSwarm", FieldType.Bool, "Private swarm: swarm key, LIBP2P_FORCE_PNET, no public bootstrap, QUIC/WebTransport/WebRTC off.", false),
        Same("network.clusterCidrs", FieldType.CidrList, "Pod and Service ranges of the Kubernetes cluster; kubo never filters or hides these.",
            List("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")),

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

    /// <summary>A list of distinct IPv4 or IPv6 addresses in canonical form.</summary>
    internal static FieldType IpAddressList => new IpAddressListType();

    /// <summary>A list of distinct namespace names.</summary>
    internal static FieldType NamespaceList => new NamespaceListType();

    /// <summary>A map of Kubernetes label keys to label values.</summary>
    internal static FieldType LabelMap => new StringMapType(isLabels: true);

    /// <summary>A map of Kubernetes annotation keys to any string.</summary>
    internal static FieldType AnnotationMap => new StringMapType(isLabels: false);

    /// <summary>A namespace name, or empty for none.</summary>
    internal static FieldType OptionalDnsLabel => new OptionalTextType(
        "DNS-1123 label, or empty for none", "must be a namespace name (a DNS-1123 label: lower-case letters, digits and '-') or empty for none",
        KubernetesNames.IsDnsLabel);

    /// <summary>An object name that may contain dots (a DNS-1123 subdomain), or empty for none.</summary>
    internal static FieldType OptionalDnsSubdomain => new OptionalTextType(
        "DNS-1123 subdomain, or empty for none", "must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253 characters) or empty for none",
        KubernetesLabels.IsDnsSubdomain);

    /// <summary>A host name for an Ingress rule, or empty for none.</summary>
    internal static FieldType OptionalHost => new OptionalTextType(
        "host name (may start with '*.'), or empty for none", "must be a DNS host name such as ipfs.example.com or *.ipfs.example.com (not an IP address), or empty for none",
        text => !IPAddress.TryParse(text, out _) && KubernetesLabels.IsDnsSubdomain(text.StartsWith("*.", StringComparison.Ordinal) ? text[2..] : text));

    /// <summary>An annotation key, or empty for none.</summary>
    internal static FieldType OptionalQualifiedName => new OptionalTextType(
        "annotation key, or empty for none", "must be an annotation key such as metallb.universe.tf/loadBalancerIPs, or empty for none",
        KubernetesLabels.IsQualifiedName);

    private sealed class IpAddressListType : FieldType
    {
        public override string Describe() => "list of IP addresses";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            error = "must be a list of IP addresses such as [34.120.0.10, 2600:1900::10]";
            value = null;
            if (node is not JsonArray array) return false;
            var items = new List<string>();
            foreach (var item in array)
            {
                var text = item is null ? null : ScalarText(item);
                if (text is null || !IPAddress.TryParse(text, out var address) || address.ToString() != text || text.Contains('%'))
                {
                    error = $"'{text}' is not an IP address in canonical form (e.g. 34.120.0.10, 2600:1900::10)";
                    return false;
                }
                if (items.Contains(text))
                {
                    error = $"lists '{text}' twice";
                    return false;
                }
                items.Add(text);
            }
            value = items;
            return true;
        }
    }

    private sealed class NamespaceListType : FieldType
    {
        public override string Describe() => "list of namespace names";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            error = "must be a list of namespace names such as [apps, batch]";
            value = null;
            if (node is not JsonArray array) return false;
            var items = new List<string>();
            foreach (var item in array)
            {
                var text = item is null ? null : ScalarText(item);
                if (text is null || !KubernetesNames.IsDnsLabel(text))
                {
                    error = $"'{text}' is not a namespace name (a DNS-1123 label: lower-case letters, digits and '-', at most 63 characters)";
                    return false;
                }
                if (items.Contains(text))
                {
                    error = $"lists '{text}' twice";
                    return false;
                }
                items.Add(text);
            }
            value = items;
            return true;
        }
    }

    private sealed class StringMapType(bool isLabels) : FieldType
    {
        public override string Describe() => isLabels ? "map of label keys to values" : "map of annotation keys to values";

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            error = isLabels ? "must be a map of labels such as {app.kubernetes.io/name: backup}" : "must be a map of annotations such as {example.com/setting: value}";
            value = null;
            if (node is not JsonObject map) return false;
            var items = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, item) in map)
            {
                var text = item is null ? null : ScalarText(item);
                if (!KubernetesLabels.IsQualifiedName(key))
                {
                    error = $"'{key}' is not a {(isLabels ? "label" : "annotation")} key (an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.')";
                    return false;
                }
                if (text is null || (isLabels && !KubernetesLabels.IsLabelValue(text)))
                {
                    error = isLabels
                        ? $"the value of '{key}' is not a label value (at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends)"
                        : $"the value of '{key}' must be a string";
                    return false;
                }
                items[key] = text;
            }
            value = items;
            return true;
        }

        public override string Show(object? value) => value is IReadOnlyDictionary<string, string> map
            ? "{" + string.Join(", ", map.Select(kv => $"{kv.Key}: {kv.Value}")) + "}"
            : base.Show(value);
    }

    private sealed class OptionalTextType(string description, string message, Func<string, bool> isValid) : FieldType
    {
        public override string Describe() => description;

        public override bool TryParse(JsonNode node, out object? value, out string error)
        {
            error = message;
            var text = ScalarText(node);
            value = text;
            return text is not null && (text.Length == 0 || isValid(text));
        }

        public override string Show(object? value) => value is "" ? "(none)" : base.Show(value);
    }
}

/// <summary>Kubernetes label, annotation and subdomain syntax (apimachinery validation).</summary>
internal static partial class KubernetesLabels
{
    /// <summary>A DNS-1123 subdomain: dot-separated labels, at most 253 characters.</summary>
    public static bool IsDnsSubdomain(string value) => value.Length is > 0 and <= 253 && Subdomain().IsMatch(value);

    /// <summary>A qualified name: optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static bool IsQualifiedName(string value)
    {
        var slash = value.IndexOf('/');
        var name = slash < 0 ? value : value[(slash + 1)..];
        return (slash < 0 || IsDnsSubdomain(value[..slash])) && name.Length is > 0 and <= 63 && Name().IsMatch(name);
    }

    /// <summary>A label value: empty, or at most 63 characters, alphanumeric at both ends.</summary>
    public static bool IsLabelValue(string value) => value.Length == 0 || (value.Length <= 63 && Name().IsMatch(value));

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex Name();
}
