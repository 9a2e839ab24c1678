using System.Globalization;
using System.Text.RegularExpressions;

namespace Ipfs.Manifests.Config;

/// <summary>Go's time.Duration text form (ipfs-cluster's config uses it), parsed for comparisons.</summary>
public static partial class GoDuration
{
    /// <summary>Parses a duration such as 1h30m or 250ms; the caller has checked the syntax.</summary>
    public static TimeSpan Parse(string text) => TimeSpan.FromMilliseconds(TotalNanoseconds(text) / 1e6);

    /// <summary>The duration in nanoseconds (Go's own unit, so 1ns is not rounded away).</summary>
    public static double TotalNanoseconds(string text)
    {
        var total = 0.0;
        foreach (Match m in Part().Matches(text))
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch
            {
                "ns" => n,
                "us" => n * 1e3,
                "ms" => n * 1e6,
                "s" => n * 1e9,
                "m" => n * 60e9,
                "h" => n * 3600e9,
                _ => throw new FormatException($"Unknown duration unit in '{text}'."),
            };
        }
        return total;
    }

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ns|us|ms|s|m|h)")]
    private static partial Regex Part();
}
