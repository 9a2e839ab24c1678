namespace Ipfs.Manifests.Config;

public static partial class ConfigSchema
{
    private static IEnumerable<ConfigField> NetworkFields() =>
    [
        Same("network.privateSwarm", FieldType.Bool, "Private swarm: swarm key, LIBP2P_FORCE_PNET, no public bootstrap, QUIC/WebTransport/WebRTC off.", false),
        Same("network.clusterCidrs", FieldType.CidrList, "Pod and Service ranges of the Kubernetes cluster; kubo never filters or hides these.",
            List("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")),
    ];
}
