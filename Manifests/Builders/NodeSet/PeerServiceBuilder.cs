using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Builders.NodeSet;

/// <summary>
/// The StatefulSet's headless governing Service: it gives pod N the stable name
/// <c>{sts}-N.{service}.{ns}.svc.{network.clusterDomain}</c>. Not-ready addresses are published so peers can
/// resolve each other while starting: no ordered-start deadlock.
/// </summary>
public static class PeerServiceBuilder
{
    /// <summary>Builds the Service.</summary>
    public static V1Service Build(ClusterSpec spec) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = ObjectMeta.For(spec, spec.Names.PeerService, "peers"),
        Spec = new V1ServiceSpec
        {
            ClusterIP = "None",
            PublishNotReadyAddresses = true,
            Selector = ObjectMeta.SelectorLabels(spec),
            Ports =
            [
                new V1ServicePort { Name = "kubo-swarm", Port = Ports.KuboSwarm, TargetPort = Ports.KuboSwarm, Protocol = "TCP" },
                new V1ServicePort { Name = "cluster-swarm", Port = Ports.ClusterSwarm, TargetPort = Ports.ClusterSwarm, Protocol = "TCP" },
            ],
        },
    };
}
