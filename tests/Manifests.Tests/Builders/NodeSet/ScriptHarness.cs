using System.Text.Json.Nodes;
using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Tests.Builders.NodeSet;

/// <summary>
/// Runs the node scripts for real under busybox sh (the shell of both images; /bin/sh where busybox
/// is missing) against the mounted files they expect, with `ipfs`, `ipfs-cluster-service` and the
/// cluster entrypoint replaced by recorders. Container paths are mapped into a temporary folder.
/// The stand-in `ipfs` answers `version --all` like kubo (repo version <see cref="RepoVersion"/>).
/// </summary>
internal sealed class ScriptHarness : IDisposable
{
    private const char ArgumentSeparator = '\u001f';

    /// <summary>The repo version the stand-in kubo supports (kubo v0.42 and v0.43: 18, version.go RepoVersion).</summary>
    public const int RepoVersion = 18;

    private readonly string _root = Directory.CreateTempSubdirectory("ipfs-scripts-").FullName;
    private readonly V1ConfigMap _scripts;

    public ScriptHarness(ClusterSpec spec, SecretMaterial material)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("The node scripts run under a POSIX shell.");
        _scripts = NodeScriptsConfigMapBuilder.Build(spec);
        Write("init", _scripts.Data);
        Write("scripts", _scripts.Data);
        var directory = PeerAddressesBuilder.Build(spec, material.Identities);
        Write("peers", directory.Data);
        var secrets = ClusterSecretsBuilder.Build(spec, material);
        Write("identities", secrets.Single(s => s.Metadata.Name == spec.Names.Identities).StringData);
        if (spec.Network.PrivateSwarm)
            Write("swarm", secrets.Single(s => s.Metadata.Name == spec.Names.SwarmKey).StringData);
        var record = $"for a in \"$@\"; do printf '%s\\{Convert.ToString(ArgumentSeparator, 8)}' \"$a\"; done >> \"$IPFS_LOG\"\nprintf '\\n' >> \"$IPFS_LOG\"\n";
        Tool("ipfs", "#!/bin/sh\n" + record + $$"""
            case "$1 $2" in
              "version --all") printf 'Kubo version: 0.43.1\nRepo version: %s\nSystem version: amd64/linux\nGolang version: go1.26.5\n' "${KUBO_REPO_VERSION:-{{RepoVersion}}}" ;;
              "repo migrate") cp "$IPFS_PATH/config" "$IPFS_PATH/config-at-migration"; echo "Repository migrated." ;;
            esac
            """);
        Tool("ipfs-cluster-service", "#!/bin/sh\n" + record + """
            if [ "$1" = init ]; then
              printf '{\n  "cluster": {\n    "peername": "x",\n    "secret": "s3cr3t",\n    "peer_addresses": []\n  },\n  "consensus": {\n    "crdt": {\n      "cluster_name": "ipfs-cluster",\n      "trusted_peers": [\n        "*"\n      ]\n    }\n  }\n}\n' > "$IPFS_CLUSTER_PATH/service.json"
            fi
            """);
        Tool("entrypoint.sh", "#!/bin/sh\necho \"entrypoint $*\"\nenv | grep '^CLUSTER_' | sort\n");
    }

    public static string Shell => ImageShell.Path;

    /// <summary>Runs the cluster start script as pod <paramref name="ordinal"/>; returns the CLUSTER_* environment it started the daemon with.</summary>
    public Dictionary<string, string> StartCluster(int ordinal, string podPrefix = "ipfs")
    {
        var (exit, output, error) = Run(NodeScripts.ClusterStartScript, $"{podPrefix}-{ordinal}", ClusterEnvironment(ordinal));
        if (exit != 0) throw new InvalidOperationException($"start-cluster.sh failed ({exit}): {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("CLUSTER_", StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
    }

    /// <summary>The environment of pod <paramref name="ordinal"/>'s cluster container (its own state folder and a call log).</summary>
    public (string, string)[] ClusterEnvironment(int ordinal)
    {
        var state = Path.Combine(_root, $"cluster-{ordinal}");
        Directory.CreateDirectory(state);
        return [("IPFS_CLUSTER_PATH", state), ("IPFS_LOG", Path.Combine(_root, $"cluster-{ordinal}.log"))];
    }

    /// <summary>pod <paramref name="ordinal"/>'s service.json after its cluster start script ran.</summary>
    public JsonNode ServiceJson(int ordinal) => JsonNode.Parse(File.ReadAllText(Path.Combine(_root, $"cluster-{ordinal}", "service.json")))!;

    /// <summary>
    /// Runs kubo's init scripts as pod <paramref name="ordinal"/>, in the order kubo's entrypoint runs
    /// them, on a repo holding <paramref name="repoConfig"/> (kept from an earlier start when null
    /// and present); returns each `ipfs` invocation's arguments.
    /// </summary>
    public List<string[]> StartKubo(int ordinal, string? repoConfig = null, params (string, string)[] env)
    {
        var (exit, _, error, calls) = TryStartKubo(ordinal, repoConfig, env);
        if (exit != 0) throw new InvalidOperationException($"kubo init scripts failed ({exit}): {error}");
        return calls;
    }

    /// <summary>Like <see cref="StartKubo"/>, returning the first failing script's exit code and output instead of throwing.</summary>
    public (int Exit, string Output, string Error, List<string[]> Calls) TryStartKubo(int ordinal, string? repoConfig = null, params (string, string)[] env)
    {
        var repo = Path.Combine(_root, $"repo-{ordinal}");
        Directory.CreateDirectory(repo);
        var config = Path.Combine(repo, "config");
        if (repoConfig is not null || !File.Exists(config)) File.WriteAllText(config, repoConfig ?? SampleKuboConfig);
        if (!File.Exists(Path.Combine(repo, "version"))) File.WriteAllText(Path.Combine(repo, "version"), $"{RepoVersion}\n");
        var log = Path.Combine(_root, $"ipfs-{ordinal}.log");
        File.WriteAllText(log, "");
        (string, string)[] environment = [("IPFS_PATH", repo), ("IPFS_LOG", log), .. env];
        var output = "";
        var errors = "";
        foreach (var script in _scripts.Data.Keys.Where(k => k.EndsWith(".sh", StringComparison.Ordinal) && k != NodeScripts.ClusterStartScript).Order(StringComparer.Ordinal))
        {
            var (exit, stdout, stderr) = Run(script, $"ipfs-{ordinal}", environment);
            output += stdout;
            errors += stderr;
            if (exit != 0) return (exit, output, errors, Calls(log));
        }
        return (0, output, errors, Calls(log));
    }

    private static List<string[]> Calls(string log) =>
        File.ReadAllLines(log).Select(l => l.TrimEnd(ArgumentSeparator).Split(ArgumentSeparator)).ToList();

    public (int Exit, string Output, string Error) Run(string script, string podName, params (string, string)[] env)
    {
        var text = _scripts.Data[script]
            .Replace(NodeScripts.KuboInitDirectory, Path.Combine(_root, "init"), StringComparison.Ordinal)
            .Replace(NodeScripts.ClusterScriptsDirectory + "\n", Path.Combine(_root, "scripts") + "\n", StringComparison.Ordinal)
            .Replace(NodeScripts.PeersDirectory + "/", Path.Combine(_root, "peers") + "/", StringComparison.Ordinal)
            .Replace(NodeScripts.IdentitiesDirectory + "/", Path.Combine(_root, "identities") + "/", StringComparison.Ordinal)
            .Replace(NodeScripts.SwarmKeyDirectory + "/", Path.Combine(_root, "swarm") + "/", StringComparison.Ordinal)
            .Replace("/usr/local/bin/entrypoint.sh", Path.Combine(_root, "bin", "entrypoint.sh"), StringComparison.Ordinal);
        var path = Path.Combine(_root, script);
        File.WriteAllText(path, text);

        var environment = new Dictionary<string, string>
        {
            ["POD_NAME"] = podName,
            ["PATH"] = ImageShell.SearchPath(Path.Combine(_root, "bin")),
        };
        foreach (var (name, value) in env) environment[name] = value;
        return ImageShell.Run(path, environment);
    }

    /// <summary>
    /// Runs both starts of pod <paramref name="ordinal"/> again under strace; returns the longest
    /// argument or environment string any process they started was given.
    /// </summary>
    public int LargestExecveString(string strace, int ordinal, string podPrefix)
    {
        var longest = 0;
        foreach (var (script, env) in new[] { (NodeScripts.KuboConfigScript, new[] { ("IPFS_PATH", Path.Combine(_root, $"repo-{ordinal}")), ("IPFS_LOG", Path.Combine(_root, "strace-ipfs.log")) }), (NodeScripts.ClusterStartScript, ClusterEnvironment(ordinal)) })
        {
            var trace = Path.Combine(_root, "strace.log");
            var path = Path.Combine(_root, script); // written by an earlier Run of the same script
            var start = new System.Diagnostics.ProcessStartInfo(strace) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { "-f", "-qq", "-v", "-s", "1000000", "-e", "trace=execve", "-o", trace, ImageShell.Path }) start.ArgumentList.Add(arg);
            if (ImageShell.Path.EndsWith("busybox", StringComparison.Ordinal)) start.ArgumentList.Add("sh");
            start.ArgumentList.Add(path);
            start.Environment["POD_NAME"] = $"{podPrefix}-{ordinal}";
            start.Environment["PATH"] = ImageShell.SearchPath(Path.Combine(_root, "bin"));
            foreach (var (name, value) in env) start.Environment[name] = value;
            using (var process = System.Diagnostics.Process.Start(start)!)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0) throw new InvalidOperationException($"{script} under strace failed ({process.ExitCode}): {error}{output.Result}");
            }
            foreach (var line in File.ReadLines(trace).Where(l => l.Contains("execve(", StringComparison.Ordinal)))
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(line, @"""((?:[^""\\]|\\.)*)"""))
                    longest = Math.Max(longest, System.Text.RegularExpressions.Regex.Unescape(m.Groups[1].Value).Length);
        }
        return longest;
    }

    public string RepoConfig(int ordinal) => File.ReadAllText(Path.Combine(_root, $"repo-{ordinal}", "config"));

    public string RepoFile(int ordinal, string name) => Path.Combine(_root, $"repo-{ordinal}", name);

    /// <summary>A repo config as kubo writes it (MarshalIndent), already initialised with a random identity.</summary>
    public const string SampleKuboConfig = """
        {
          "API": {
            "HTTPHeaders": {}
          },
          "Identity": {
            "PeerID": "12D3KooWAlreadyInitialisedRandomIdentity",
            "PrivKey": "CAESQOldRandomKey+/="
          },
          "Peering": {
            "Peers": null
          }
        }
        """;

    private void Write(string folder, IDictionary<string, string> files)
    {
        var directory = Path.Combine(_root, folder);
        Directory.CreateDirectory(directory);
        foreach (var (name, content) in files)
            File.WriteAllText(Path.Combine(directory, name), content);
    }

    private void Tool(string name, string script)
    {
        Write("bin", new Dictionary<string, string> { [name] = script });
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("The node scripts run under a POSIX shell.");
        File.SetUnixFileMode(Path.Combine(_root, "bin", name), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
