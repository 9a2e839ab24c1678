namespace Ipfs.Manifests.Config;

/// <summary>Near-miss detection for did-you-mean hints: case-insensitive edit distance.</summary>
internal static class Spelling
{
    /// <summary>Edits that turn a near miss into the word it was meant to be, at most.</summary>
    public const int NearMiss = 3;

    /// <summary>The candidate closest to <paramref name="word"/> within <see cref="NearMiss"/> edits, or null.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates) =>
        candidates.Select(c => (Candidate: c, Distance: Distance(c, word)))
            .Where(c => c.Distance <= NearMiss)
            .OrderBy(c => c.Distance)
            .Select(c => c.Candidate)
            .FirstOrDefault();

    /// <summary>Levenshtein distance, ignoring case.</summary>
    public static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > NearMiss * 4) return Math.Abs(a.Length - b.Length);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
