using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Spec;
using Xunit;
using Xunit.Abstractions;

namespace Ipfs.Manifests.Tests.Fuzz;

/// <summary>
/// Random mutations of valid stack and material files (FsCheck generators, fixed seeds so a failure
/// replays): whatever the bytes, a reader returns or throws <see cref="ConfigValidationException"/>,
/// whose message carries no stack trace and no secret from the file, and nothing on disk changes.
/// </summary>
public sealed partial class ReaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Cases = 4000;
    private const string KubeconfigToken = "Fuzz-K8s-T0ken-2b7c9d";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("reader-fuzz-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static readonly string RichStack =
        "# every kind of value the reader meets\n" +
        "secretsprovider: passphrase\n" +
        "config:\n" +
        "  pulumi:disable-default-providers:\n" +
        "    - kubernetes\n" +
        "  kubernetes:namespace: other\n" +
        "  ipfs-infra:profile: prod\n" +
        "  ipfs-infra:peers: &peers 5\n" +
        "  ipfs-infra:replication: {min: 2, max: *peers}\n" +
        "  ipfs-infra:images:\n" +
        "    kubo: \"ipfs/kubo:v0.42.0\"\n" +
        "  ipfs-infra:resources:\n" +
        "    kubo:\n" +
        "      requests: {cpu: 500m, memory: 4Gi}\n" +
        "      limits:\n" +
        "        cpu: '4'\n" +
        "        memory: 8Gi\n" +
        "  ipfs-infra:storage:\n" +
        "    dataSize: 200Gi\n" +
        "    backup:\n" +
        "      schedule: \"15 3 * * *\"\n" +
        "  ipfs-infra:cluster:\n" +
        "    repinning:\n" +
        "      grace: 45m\n" +
        "    crdtBatchMaxAge: 1m30s\n" +
        "  ipfs-infra:network:\n" +
        "    clusterCidrs: [10.0.0.0/8, fd00::/8]\n" +
        "  ipfs-infra:monitoring:\n" +
        "    prometheusLabels:\n" +
        "      release: kube-prometheus-stack\n" +
        "  ipfs-infra:kubernetes:\n" +
        "    context: prod\n" +
        "    kubeconfig: |\n" +
        "      apiVersion: v1\n" +
        "      users:\n" +
        "        - name: ci\n" +
        "          user:\n" +
        $"            token: {KubeconfigToken}\n";

    [Fact]
    public void MutatedStackFiles_FailOnlyWithConfigProblems()
    {
        var seeds = new[] { RichStack, File.ReadAllText(RepositoryFile("Pulumi.dev.yaml")), File.ReadAllText(RepositoryFile("Pulumi.prod.yaml")) }
            .Select(Encoding.UTF8.GetBytes).ToArray();
        foreach (var seed in seeds)
            ClusterSpecLoader.Load(StackFileReader.Read(WriteCase("Pulumi.seed.yaml", seed))); // every seed is valid

        var path = Path.Combine(_dir.FullName, "Pulumi.fuzz.yaml");
        Run("stack file", seeds, seed: 0x57AC, [KubeconfigToken], path, () => ClusterSpecLoader.Load(StackFileReader.Read(path)));
    }

    [Fact]
    public void MutatedMaterialFiles_FailOnlyWithConfigProblems()
    {
        var spec = ClusterSpecDefaults.For(Profile.Dev);
        var seeds = new[] { false, true }.Select(privateSwarm =>
        {
            var seedPath = Path.Combine(_dir.FullName, $"seed-{privateSwarm}", "dev.json");
            MaterialFile.LoadOrCreate(seedPath, spec with { Network = spec.Network with { PrivateSwarm = privateSwarm } });
            return File.ReadAllBytes(seedPath);
        }).ToArray();
        var secrets = seeds.SelectMany(s => SecretValues(JsonNode.Parse(s)!)).ToArray();
        Assert.Equal(7, secrets.Length);

        // Generation 0 and a public swarm: an existing file is only ever read, never completed.
        var path = Path.Combine(_dir.FullName, "material", "dev.json");
        Run("material file", seeds, seed: 0x3A7E, secrets, path, () => MaterialFile.LoadOrCreate(path, spec));
    }

    private void Run(string what, byte[][] seeds, ulong seed, string[] secrets, string path, Func<object> read)
    {
        var cases = Gen.Choose(0, seeds.Length - 1).Zip(Mutation.Some).Sample(Cases, new Rnd(seed), 30);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        foreach (var (index, mutations) in cases)
        {
            var bytes = mutations.Aggregate(seeds[index], (b, m) => m.Apply(b));
            var folder = Path.GetDirectoryName(path)!;
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(path, bytes);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var before = Snapshot(folder);

            string outcome;
            try
            {
                read();
                outcome = "read";
            }
            catch (ConfigValidationException e)
            {
                outcome = e.Problems.Count == 1 ? "1 problem" : "several problems";
                var problem = MessageProblem(e.Message, secrets);
                Assert.True(problem is null, $"{what}: {problem} for seed {index} mutated by [{string.Join("; ", mutations.AsEnumerable())}]:\n{e.Message}");
            }
            catch (Exception e)
            {
                Assert.Fail($"{what}: {e.GetType().Name} for seed {index} mutated by [{string.Join("; ", mutations.AsEnumerable())}]:\n{e}");
                throw;
            }
            Assert.True(before.SequenceEqual(Snapshot(folder)),
                $"{what}: the folder changed for seed {index} mutated by [{string.Join("; ", mutations.AsEnumerable())}]");
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        Assert.Equal(Cases, outcomes.Values.Sum());
        output.WriteLine($"{what}: {outcomes.Values.Sum()} mutated cases in {clock.Elapsed.TotalSeconds:F1} s: " +
                         string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Value} {o.Key}")));
        Assert.True(outcomes.Count >= 2, $"{what}: every case ended the same way ({string.Join(", ", outcomes.Keys)}); the mutations do not reach the reader");
    }

    /// <summary>What is wrong with a message a user would see, or null.</summary>
    private static string? MessageProblem(string message, string[] secrets)
    {
        if (StackFrame().IsMatch(message)) return "a stack trace in the message";
        foreach (var secret in secrets)
            for (var i = 0; i + 16 <= secret.Length; i += 4)
                if (message.Contains(secret.Substring(i, 16), StringComparison.Ordinal))
                    return "a secret in the message";
        return message.StartsWith("Invalid stack configuration (", StringComparison.Ordinal) ? null : "a message not in the documented format";
    }

    /// <summary>Every entry under <paramref name="folder"/> with its size, mode, time and content.</summary>
    private static List<string> Snapshot(string folder) =>
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(p =>
        {
            var info = new FileInfo(p);
            var mode = OperatingSystem.IsWindows() ? "" : File.GetUnixFileMode(p).ToString();
            var content = info.Exists ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p))) : "dir";
            return $"{p} {mode} {info.LastWriteTimeUtc.Ticks} {content}";
        }).ToList();

    private static IEnumerable<string> SecretValues(JsonNode material) =>
        new[] { material["clusterSecret"], material["restApi"]?["password"], material["swarmKey"], material["identitySeed"] }
            .Where(n => n is not null).Select(n => n!.GetValue<string>());

    private string WriteCase(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir.FullName, "seeds", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string RepositoryFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, name)))
                return Path.Combine(dir.FullName, name);
        throw new FileNotFoundException(name);
    }

    [GeneratedRegex(@"^\s+at \S+\(|--- End of|Exception:", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
