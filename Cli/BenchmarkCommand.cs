using System.Diagnostics;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Identity;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Rendering;

namespace Ipfs.Cli;

/// <summary>
/// <c>benchmark</c>: time and memory to build and render a cluster of 3, 30 and 300 peers (material
/// is prepared beforehand, as render loads it from its file). Cost should grow about linearly.
/// </summary>
internal static class BenchmarkCommand
{
    public static int Run(IReadOnlyList<int> peerCounts, TextWriter stdout)
    {
        // Warm up until tiered JIT has settled, so the first row is not measuring the compiler.
        var warmup = Stopwatch.StartNew();
        var warmSpec = ClusterSpecDefaults.For(Profile.Dev) with { Peers = 10 };
        var warmMaterial = Material(10);
        while (warmup.ElapsedMilliseconds < 3000) ManifestRenderer.Render(ClusterManifest.Build(warmSpec, warmMaterial));

        stdout.WriteLine($"{"peers",6} {"iterations",10} {"median ms",10} {"ms/peer",8} {"alloc KiB",10} {"KiB/peer",9} {"output KiB",10}");
        foreach (var peers in peerCounts)
        {
            var spec = ClusterSpecDefaults.For(Profile.Dev) with { Peers = peers };
            var material = Material(peers);
            var render = () => ManifestRenderer.Render(ClusterManifest.Build(spec, material));

            for (var i = 0; i < 5; i++) render();
            var times = new List<double>();
            long allocated = 0;
            var outputBytes = 0;
            var budget = Stopwatch.StartNew();
            while (times.Count < 5 || (budget.ElapsedMilliseconds < 2000 && times.Count < 500))
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                var files = render();
                watch.Stop();
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                outputBytes = files.Sum(f => f.Content.Length);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            var median = times[times.Count / 2];
            stdout.WriteLine($"{peers,6} {times.Count,10} {median,10:F2} {median / peers,8:F3} {allocated / 1024.0,10:F0} {allocated / 1024.0 / peers,9:F1} {outputBytes / 1024.0,10:F0}");
        }
        return 0;
    }

    private static SecretMaterial Material(int peers)
    {
        static PeerIdentity Identity(int kind, int ordinal)
        {
            var seed = new byte[32];
            seed[0] = (byte)kind;
            BitConverter.TryWriteBytes(seed.AsSpan(1), ordinal);
            return PeerIdentity.FromSeed(seed);
        }
        return new SecretMaterial(new string('0', 64), "benchmark", null,
            Enumerable.Range(0, peers).Select(i => Identity(1, i)).ToList(),
            Enumerable.Range(0, peers).Select(i => Identity(2, i)).ToList());
    }
}
