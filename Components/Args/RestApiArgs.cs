using Pulumi;

namespace Ipfs.Components;

/// <summary>The ipfs-cluster REST API credentials.</summary>
public sealed class RestApiArgs : ResourceArgs
{
    /// <summary>ipfs-cluster REST API basic-auth user.</summary>
    [Input("user")]
    public string? User { get; set; }

    /// <summary>Raise by one to rotate the REST API password (the only rotation there is).</summary>
    [Input("passwordGeneration")]
    public int? PasswordGeneration { get; set; }
}
