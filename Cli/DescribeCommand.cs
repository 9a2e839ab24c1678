using Ipfs.Manifests.Config;

namespace Ipfs.Cli;

/// <summary>
/// <c>describe --stack NAME</c>: the resolved facts a deployment script needs (defaults applied,
/// validated), as shell-safe <c>KEY=value</c> lines. Never prints a secret.
/// </summary>
internal static class DescribeCommand
{
    public static int Run(string stack, string? project, TextWriter stdout)
    {
        var location = StackLocation.Resolve(stack, project);
        var spec = ClusterSpecLoader.Load(StackFileReader.Read(location.StackFile));
        stdout.WriteLine($"STACK={stack}");
        stdout.WriteLine($"PROFILE={spec.Profile.ToString().ToLowerInvariant()}");
        stdout.WriteLine($"NAMESPACE={spec.Namespace}");
        stdout.WriteLine($"STATEFULSET={spec.Names.StatefulSet}");
        stdout.WriteLine($"PEERS={spec.Peers}");
        stdout.WriteLine($"KUBE_CONTEXT={spec.Kubernetes.Context ?? ""}");
        return 0;
    }
}
