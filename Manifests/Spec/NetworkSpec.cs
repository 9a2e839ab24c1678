namespace Ipfs.Manifests.Spec;

/// <summary>Swarm privacy and the Kubernetes cluster's own ranges.</summary>
/// <param name="PrivateSwarm">Private swarm (swarm key, LIBP2P_FORCE_PNET, nothing public).</param>
/// <param name="ClusterCidrs">Pod and Service ranges kubo must keep reachable.</param>
public sealed record NetworkSpec(bool PrivateSwarm, IReadOnlyList<string> ClusterCidrs);
