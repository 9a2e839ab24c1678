using Ipfs.Infra.Stacks;
using Ipfs.Manifests.Config;
using Pulumi;

return await Deployment.RunAsync(() =>
{
    Ipfs.Manifests.Spec.ClusterSpec spec;
    try
    {
        spec = ClusterSpecLoader.Load(PulumiStackConfig.Read(Deployment.Instance.StackName));
    }
    catch (ConfigValidationException e)
    {
        // A RunException ends the run with the message alone: no stack trace for a config mistake.
        throw new RunException(e.Message, e);
    }
    return IpfsStack.Run(spec);
});
