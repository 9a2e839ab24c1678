using k8s.Models;

namespace Ipfs.Manifests.Builders;

/// <summary>
/// The Pod Security Standards "restricted" profile as every pod of the cluster runs it: uid 1000 and
/// gid 100 (the images' ipfs user and users group; running as them skips the images' root-then-chown
/// step), fsGroup 100 so volumes are writable, no privilege escalation, no capabilities, seccomp
/// RuntimeDefault and a read-only root filesystem.
/// </summary>
public static class PodSecurity
{
    /// <summary>The images' ipfs user.</summary>
    public const long IpfsUser = 1000;

    /// <summary>The images' users group.</summary>
    public const long UsersGroup = 100;

    /// <summary>Pod-level security context.</summary>
    public static V1PodSecurityContext Pod() => new()
    {
        RunAsNonRoot = true,
        RunAsUser = IpfsUser,
        RunAsGroup = UsersGroup,
        FsGroup = UsersGroup,
        FsGroupChangePolicy = "OnRootMismatch",
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>Container-level security context.</summary>
    public static V1SecurityContext Container() => new()
    {
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        RunAsNonRoot = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };
}
