using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Tests.Builders.NodeSet;

/// <summary>
/// Runs the node scripts for real under busybox sh (the shell of both images; /bin/sh where busybox
/// is missing) against the mounted files they expect, with `ipfs` and the cluster entrypoint
/// replaced by recorders. Container paths are mapped into a temporary folder.
/// </summary>
internal sealed class ScriptHarness : IDisposable
{
    private const char ArgumentSeparator = '\u001f';
    private readonly string _root = Directory.CreateTempSubdirectory("ipfs-scripts-").FullName;
    private readonly V1ConfigMap _scripts;

    public ScriptHarness(ClusterSpec spec, SecretMaterial material)
    {
        _scripts = NodeScriptsConfigMapBuilder.Build(spec);
        var directory = PeerAddressesBuilder.Build(spec, material.Identities);
        Write("peers", directory.Data);
        var secrets = ClusterSecretsBuilder.Build(spec, material);
        Write("identities", secrets.Single(s => s.Metadata.Name == spec.Names.Identities).StringData);
        if (spec.Network.PrivateSwarm)
            Write("swarm", secrets.Single(s => s.Metadata.Name == spec.Names.SwarmKey).StringData);
        Write("bin", new Dictionary<string, string>
        {
            ["ipfs"] = $"#!/bin/sh\nfor a in \"$@\"; do printf '%s\\{Convert.ToString(ArgumentSeparator, 8)}' \"$a\"; done >> \"$IPFS_LOG\"\nprintf '\\n' >> \"$IPFS_LOG\"\n",
            ["entrypoint.sh"] = "#!/bin/sh\necho \"entrypoint $*\"\nenv | grep '^CLUSTER_' | sort\n",
        });
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("The node scripts run under a POSIX shell.");
        foreach (var tool in new[] { "ipfs", "entrypoint.sh" })
            File.SetUnixFileMode(Path.Combine(_root, "bin", tool), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public static string Shell => ImageShell.Path;

    /// <summary>Runs the cluster start script as pod <paramref name="ordinal"/>; returns the CLUSTER_* environment it started the daemon with.</summary>
    public Dictionary<string, string> StartCluster(int ordinal, string podPrefix = "ipfs")
    {
        var (exit, output, error) = Run(NodeScripts.ClusterStartScript, $"{podPrefix}-{ordinal}");
        if (exit != 0) throw new InvalidOperationException($"start-cluster.sh failed ({exit}): {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("CLUSTER_", StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
    }

    /// <summary>Runs a kubo init script as pod <paramref name="ordinal"/>; returns each `ipfs` invocation's arguments.</summary>
    public List<string[]> RunKuboScript(string script, int ordinal, string? repoConfig = null)
    {
        var repo = Path.Combine(_root, $"repo-{ordinal}");
        Directory.CreateDirectory(repo);
        File.WriteAllText(Path.Combine(repo, "config"), repoConfig ?? SampleKuboConfig);
        var log = Path.Combine(_root, $"ipfs-{ordinal}.log");
        File.WriteAllText(log, "");
        var (exit, _, error) = Run(script, $"ipfs-{ordinal}", ("IPFS_PATH", repo), ("IPFS_LOG", log));
        if (exit != 0) throw new InvalidOperationException($"{script} failed ({exit}): {error}");
        return File.ReadAllLines(log).Select(l => l.TrimEnd(ArgumentSeparator).Split(ArgumentSeparator)).ToList();
    }

    public (int Exit, string Output, string Error) Run(string script, string podName, params (string, string)[] env)
    {
        var text = _scripts.Data[script]
            .Replace(NodeScripts.PeersDirectory + "/", Path.Combine(_root, "peers") + "/", StringComparison.Ordinal)
            .Replace(NodeScripts.IdentitiesDirectory + "/", Path.Combine(_root, "identities") + "/", StringComparison.Ordinal)
            .Replace(NodeScripts.SwarmKeyDirectory + "/", Path.Combine(_root, "swarm") + "/", StringComparison.Ordinal)
            .Replace("/usr/local/bin/entrypoint.sh", Path.Combine(_root, "bin", "entrypoint.sh"), StringComparison.Ordinal);
        var path = Path.Combine(_root, script);
        File.WriteAllText(path, text);

        var environment = new Dictionary<string, string>
        {
            ["POD_NAME"] = podName,
            ["PATH"] = Path.Combine(_root, "bin") + ":/usr/bin:/bin",
        };
        foreach (var (name, value) in env) environment[name] = value;
        return ImageShell.Run(path, environment);
    }

    public string RepoConfig(int ordinal) => File.ReadAllText(Path.Combine(_root, $"repo-{ordinal}", "config"));

    public string RepoFile(int ordinal, string name) => Path.Combine(_root, $"repo-{ordinal}", name);

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

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
