using Pulumi;

namespace Ipfs.Components;

/// <summary>The ipfs-cluster REST API credentials.</summary>
public sealed class RestApiArgs : ResourceArgs
{
    /// <summary>ipfs-cluster REST API basic-auth user. Allowed: user name (letters, digits, '.', '_', '-'). Default: admin (both profiles).</summary>
    [Input("user")]
    public string? User { get; set; }

    /// <summary>Raise by one to rotate the REST API password (the only rotation there is). Allowed: integer &gt;= 0. Default: 0 (both profiles).</summary>
    [Input("passwordGeneration")]
    public int? PasswordGeneration { get; set; }
}
