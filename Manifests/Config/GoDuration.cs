using System.Globalization;
using System.Text.RegularExpressions;

namespace Ipfs.Manifests.Config;

/// <summary>Go's time.Duration text form (ipfs-cluster's config uses it), parsed for comparisons.</summary>
public static partial class GoDuration
{
    /// <summary>Parses a duration such as 1h30m or 250ms; the caller has checked the syntax.</summary>
    public static TimeSpan Parse(string text)
    {
        var total = 0.0;
        foreach (Match m in Part().Matches(text))
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch
            {
                "ns" => n / 1e6,
                "us" => n / 1e3,
                "ms" => n,
                "s" => n * 1e3,
                "m" => n * 60e3,
                "h" => n * 3600e3,
                _ => throw new FormatException($"Unknown duration unit in '{text}'."),
            };
        }
        return TimeSpan.FromMilliseconds(total);
    }

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ns|us|ms|s|m|h)")]
    private static partial Regex Part();
}
