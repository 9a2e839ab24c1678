namespace Ipfs.Manifests.Config;

/// <summary>
/// Thrown when a stack's configuration cannot produce a cluster. Carries every problem found, not
/// just the first, so one run tells the user everything to fix.
/// </summary>
public sealed class ConfigValidationException : Exception
{
    /// <summary>Creates the exception from a non-empty list of problems.</summary>
    public ConfigValidationException(IReadOnlyList<ConfigProblem> problems)
        : base(Format(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in key order.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    private static string Format(IReadOnlyList<ConfigProblem> problems)
    {
        if (problems.Count == 0)
            throw new ArgumentException("A validation failure needs at least one problem.", nameof(problems));
        var noun = problems.Count == 1 ? "problem" : "problems";
        return $"Invalid stack configuration ({problems.Count} {noun}):" + Environment.NewLine +
               string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
    }
}
