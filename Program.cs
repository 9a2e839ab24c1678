using Ipfs.Infra.Stacks;
using Pulumi;

return await Deployment.RunAsync(StackProgram.Run);
