using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders.Network;

/// <summary>The optional Ingress in front of the gateway Service: class, host and TLS Secret from config.</summary>
public static class IngressBuilder
{
    /// <summary>The Ingress, or null when <c>network.ingress.enabled</c> is false.</summary>
    public static V1Ingress? Build(ClusterSpec spec)
    {
        var ingress = spec.Network.Ingress;
        if (!ingress.Enabled) return null;
        var host = ingress.Host ?? throw new ArgumentException("An enabled Ingress needs a host (network.ingress.host).", nameof(spec));
        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = ObjectMeta.For(spec, NetworkNames.GatewayService(spec), "gateway"),
            Spec = new V1IngressSpec
            {
                IngressClassName = ingress.ClassName,
                Tls = ingress.TlsSecret is { } secret ? [new V1IngressTLS { Hosts = [host], SecretName = secret }] : null,
                Rules =
                [
                    new V1IngressRule
                    {
                        Host = host,
                        Http = new V1HTTPIngressRuleValue
                        {
                            Paths =
                            [
                                new V1HTTPIngressPath
                                {
                                    Path = "/",
                                    PathType = "Prefix",
                                    Backend = new V1IngressBackend
                                    {
                                        Service = new V1IngressServiceBackend
                                        {
                                            Name = NetworkNames.GatewayService(spec),
                                            Port = new V1ServiceBackendPort { Name = "http" },
                                        },
                                    },
                                },
                            ],
                        },
                    },
                ],
            },
        };
    }
}
