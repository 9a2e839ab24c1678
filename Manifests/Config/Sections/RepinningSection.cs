using System.Text.Json.Nodes;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Config;

internal static partial class SpecSections
{
    /// <summary>The cluster.repinning.* keys as a <see cref="RepinningSpec"/>.</summary>
    public static RepinningSpec Repinning(Func<string, object?> value) => new(
        (bool)value("cluster.repinning.enabled")!,
        (string)value("cluster.repinning.grace")!,
        (string)value("cluster.repinning.checkInterval")!,
        (string)value("cluster.repinning.informerTtl")!);

    /// <summary>
    /// With repinning on: the grace covers the longest pod restart (so restarts and rolling updates
    /// move nothing), peers are checked and stop getting new pins well within the grace, and a spare
    /// peer exists to take the pins over.
    /// </summary>
    public static void ValidateRepinning(ClusterSpec spec, Action<string, object, string> problem)
    {
        var r = spec.Repinning;
        var durations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cluster.repinning.grace"] = r.Grace,
            ["cluster.repinning.checkInterval"] = r.CheckInterval,
            ["cluster.repinning.informerTtl"] = r.InformerTtl,
        };
        var parsed = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (path, text) in durations)
        {
            if (ConfigSchema.ByPath[path].Type.TryParse(JsonValue.Create(text), out _, out _)) parsed[path] = GoDuration.Parse(text);
            else problem(path, text, "must be a Go duration such as 15s, 2m or 1h30m");
        }
        if (!r.Enabled || parsed.Count < durations.Count) return;

        var grace = parsed["cluster.repinning.grace"];
        var restart = PodRestartBudget.Longest(spec);
        if (grace < restart)
            problem("cluster.repinning.grace", r.Grace,
                $"must be at least {Show(restart)} while cluster.repinning.enabled is true: a pod restart may take that long " +
                $"({PodRestartBudget.Explain(spec)}) and a shorter grace would move pins on a slow restart or rolling update");
        if (parsed["cluster.repinning.checkInterval"] >= grace)
            problem("cluster.repinning.checkInterval", r.CheckInterval, $"must be shorter than cluster.repinning.grace ({r.Grace}): expired peers are only noticed at a check");
        if (parsed["cluster.repinning.informerTtl"] >= grace)
            problem("cluster.repinning.informerTtl", r.InformerTtl,
                $"must be shorter than cluster.repinning.grace ({r.Grace}): a gone peer must stop receiving new pins before its pins are moved, or re-allocation may pick another gone peer");
        if (spec.Replication.Min >= spec.Peers)
            problem("cluster.repinning.enabled", true,
                $"needs replication.min ({spec.Replication.Min}) below peers ({spec.Peers}): with every peer holding the minimum there is no spare peer to re-allocate to");
    }

    private static string Show(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.Seconds == 0 ? $"{(int)span.TotalMinutes}m" : $"{(int)span.TotalMinutes}m{span.Seconds}s";
}
