using Ipfs.Manifests.Config;

namespace Ipfs.Components;

/// <summary>
/// Thrown when <see cref="IpfsClusterArgs"/> cannot produce a cluster. Lists every problem in the
/// stack config's form with the input in place of the key, e.g.
/// <c>IpfsCluster "media": args.peers = 1: must be at least 3 under the prod profile (...)</c>.
/// </summary>
public sealed class IpfsClusterArgsException : Exception
{
    /// <summary>Creates the exception from a non-empty list of problems.</summary>
    public IpfsClusterArgsException(IReadOnlyList<ConfigProblem> problems)
        : base($"Invalid IpfsCluster arguments ({problems.Count} {(problems.Count == 1 ? "problem" : "problems")}):" + Environment.NewLine +
               string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in input order.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }
}
