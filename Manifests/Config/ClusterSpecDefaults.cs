using System.Text.Json.Nodes;
using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Config;

/// <summary>A profile's default spec, for consumers who build a <see cref="ClusterSpec"/> in code.</summary>
public static class ClusterSpecDefaults
{
    /// <summary>The spec a stack with only <c>profile</c> set would get.</summary>
    public static ClusterSpec For(Profile profile) =>
        ClusterSpecLoader.Load(new StackConfig($"{profile.ToString().ToLowerInvariant()} profile defaults",
            new Dictionary<string, JsonNode?> { ["profile"] = profile.ToString().ToLowerInvariant() },
            new HashSet<string>()));
}
