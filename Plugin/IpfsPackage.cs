using System.Reflection;
using Ipfs.Components;
using Pulumi.Experimental.Provider;

namespace Ipfs.Plugin;

/// <summary>
/// The package the plugin serves: name <c>ipfs</c> (tokens <c>ipfs:index:…</c>), the components'
/// own version, and the components exposed to other languages.
/// </summary>
internal static class IpfsPackage
{
    /// <summary>
    /// Only <see cref="IpfsCluster"/> is exposed: it is the component meant for direct use. Its
    /// children (FastSsdStorage, ClusterSecrets, ClusterNetwork, IpfsNodeSet, ClusterMonitoring)
    /// take a validated spec and each other's outputs, so they stay C#-only.
    /// </summary>
    public static readonly Type[] ExposedComponents = [typeof(IpfsCluster)];

    /// <summary>The version of the components assembly (Components.csproj's Version), without build metadata.</summary>
    public static string Version { get; } = ComponentsVersion();

    /// <summary>Outputs the schema marks secret (their values are Pulumi secrets already).</summary>
    public static readonly IReadOnlySet<(Type Component, string Output)> SecretOutputs =
        new HashSet<(Type, string)> { (typeof(IpfsCluster), "restApiPassword") };

    /// <summary>Name <c>ipfs</c>, namespace <c>ipfs-infra</c> (the generated Node.js package is <c>@ipfs-infra/ipfs</c>), the components' version.</summary>
    public static Metadata Metadata { get; } = new(Name: "ipfs", Namespace: "ipfs-infra", Version: Version, DisplayName: "IPFS cluster");

    /// <summary>The type token of a component or schema type: <c>ipfs:index:</c> and the class name (args types without "Args", as the analyzer names them).</summary>
    public static string TokenOf(Type type) =>
        $"{Metadata.Name}:index:{(type.Name.EndsWith("Args", StringComparison.Ordinal) ? type.Name[..^4] : type.Name)}";

    private static string ComponentsVersion()
    {
        var informational = typeof(IpfsCluster).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? throw new InvalidOperationException("Ipfs.Components carries no informational version.");
        return informational.Split('+')[0];
    }
}
