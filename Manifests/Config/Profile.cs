namespace Ipfs.Manifests.Config;

/// <summary>Environment profile: which defaults apply. Behaviour differences come from values, not from the profile name.</summary>
public enum Profile
{
    /// <summary>Few peers, small volumes, Delete reclaim, soft anti-affinity.</summary>
    Dev,

    /// <summary>At least 3 peers, large fast volumes, Retain reclaim, hard anti-affinity, protected resources.</summary>
    Prod,
}
