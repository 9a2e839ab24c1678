using Ipfs.Manifests.Config;
using Pulumi;

namespace Ipfs.Infra.Stacks;

/// <summary>The program body: config to spec (one loader, shared with render), then the stack.</summary>
internal static class StackProgram
{
    /// <summary>Runs the current stack; a config mistake ends the run with the full problem list and nothing registered.</summary>
    public static IDictionary<string, object?> Run()
    {
        Manifests.Spec.ClusterSpec spec;
        try
        {
            spec = ClusterSpecLoader.Load(PulumiStackConfig.Read(Deployment.Instance.StackName));
        }
        catch (ConfigValidationException e)
        {
            // A RunException ends the run with its message alone: no stack trace for a config mistake.
            throw new RunException(e.Message, e);
        }
        return IpfsStack.Run(spec);
    }
}
