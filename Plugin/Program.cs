using Ipfs.Plugin;
using Pulumi.Experimental.Provider;

await Provider.Serve(args, IpfsPackage.Version, _ => new IpfsProvider(), CancellationToken.None);
