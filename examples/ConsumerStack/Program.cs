using Example.ConsumerStack;
using Pulumi;

return await Deployment.RunAsync(TeamStack.Create);
