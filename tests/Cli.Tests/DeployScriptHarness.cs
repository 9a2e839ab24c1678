using System.Diagnostics;

namespace Ipfs.Cli.Tests;

/// <summary>
/// Runs deploy.sh for real against recording stand-ins for dotnet, pulumi and kubectl, so its
/// decisions (order, refusals, messages) are tested without a cluster.
/// </summary>
internal sealed class DeployScriptHarness : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ipfs-deploy-").FullName;

    public DeployScriptHarness()
    {
        var repo = RepoRoot();
        File.Copy(Path.Combine(repo, "deploy.sh"), Path.Combine(_root, "deploy.sh"));
        File.Copy(Path.Combine(repo, "Pulumi.dev.yaml"), Path.Combine(_root, "Pulumi.dev.yaml"));
        Directory.CreateDirectory(Bin);
        Stub("dotnet", "echo \"dotnet $*\" >> \"$CALLS\"\ncat \"$FAKE/facts\"\n");
        Stub("pulumi", """
            echo "pulumi $*" >> "$CALLS"
            case "$1" in
              whoami) [ ! -e "$FAKE/logged-out" ] ;;
              preview) [ ! -e "$FAKE/preview-fails" ] ;;
              up) [ ! -e "$FAKE/up-fails" ] ;;
              stack) if [ "$2" = output ]; then cat "$FAKE/peer-ids"; fi ;;
              *) true ;;
            esac
            """);
        Stub("kubectl", """
            echo "kubectl $*" >> "$CALLS"
            case "$*" in
              *"config current-context"*) echo ambient-context ;;
              *"config get-contexts"*) [ ! -e "$FAKE/no-context" ] ;;
              *"rollout status"*) [ ! -e "$FAKE/rollout-fails" ] ;;
              *" exec "*)
                pod=$(echo "$*" | sed -n 's/.* exec \([^ ]*\) .*/\1/p')
                if [ -e "$FAKE/exec-fails-$pod" ]; then
                  echo 'error: unable to upgrade connection: container not found ("cluster")' >&2
                  exit 1
                fi
                cat "$FAKE/peers-ls" ;;
              *) true ;;
            esac
            """);
        Facts = "STACK=dev\nPROFILE=dev\nNAMESPACE=ipfs-dev\nSTATEFULSET=ipfs\nPEERS=3\nKUBE_CONTEXT=kind-ipfs-dev\n";
        Listing = Healthy(3, 2);
        PeerIds = PeerIdsJson(3);
    }

    private string Bin => Path.Combine(_root, "bin");

    public string Facts { set => File.WriteAllText(Path.Combine(_root, "facts"), value); }

    /// <summary>What ipfs-cluster-ctl peers ls prints in the pod (stdout).</summary>
    public string Listing { set => File.WriteAllText(Path.Combine(_root, "peers-ls"), value); }

    /// <summary>A healthy listing of <paramref name="answering"/> peers of ipfs-0.. that each see <paramref name="sees"/> others.</summary>
    public static string Healthy(int answering, int sees) =>
        string.Concat(Enumerable.Range(0, answering).Select(i => Peer(i, sees)));

    /// <summary>One peer as ipfs-cluster-ctl v1.1.6 prints a peer that answered (formatters.go, textFormatPrintID).</summary>
    public static string Peer(int ordinal, int sees, string? ipfsError = null) =>
        $"{ClusterId(ordinal)} | ipfs-{ordinal} | Sees {sees} other peers\n" +
        "  > Addresses:\n" +
        $"    - /ip4/10.0.0.{10 + ordinal}/tcp/9096/p2p/{ClusterId(ordinal)}\n" +
        $"    - /ip4/127.0.0.1/tcp/9096/p2p/{ClusterId(ordinal)}\n" +
        (ipfsError is null
            ? $"  > IPFS: 12D3KooWKubo{(char)('A' + ordinal)}q5Z8Nn3tHFwq6rjVvMEuF9aWXoeLNzB9K1Z7c\n    - /ip4/10.0.0.{10 + ordinal}/tcp/4001\n"
            : $"  > IPFS ERROR: {ipfsError}\n");

    /// <summary>A cluster peer ID in libp2p's form (base58btc, no 0, O, I or l), distinct per ordinal.</summary>
    public static string ClusterId(int ordinal) => $"12D3KooWPeer{(char)('A' + ordinal)}q5Z8Nn3tHFwq6rjVvMEuF9aWXoeLNzB9K1Z7c";

    /// <summary>What `pulumi stack output clusterPeerIds --json` prints.</summary>
    public string PeerIds { set => File.WriteAllText(Path.Combine(_root, "peer-ids"), value); }

    public static string PeerIdsJson(int peers) =>
        "[\n" + string.Join(",\n", Enumerable.Range(0, peers).Select(i => $"  \"{ClusterId(i)}\"")) + "\n]\n";

    /// <summary>kubectl exec into <paramref name="pod"/> fails, as when its cluster container is not running.</summary>
    public void ExecFails(string pod) => File.WriteAllText(Path.Combine(_root, "exec-fails-" + pod), "");

    /// <summary>Makes a stand-in misbehave: logged-out, preview-fails, up-fails, no-context, rollout-fails.</summary>
    public void Break(string what) => File.WriteAllText(Path.Combine(_root, what), "");

    public void Remove(string tool) => File.Delete(Path.Combine(Bin, tool));

    public IReadOnlyList<string> Calls => File.Exists(Path.Combine(_root, "calls")) ? File.ReadAllLines(Path.Combine(_root, "calls")) : [];

    public (int Exit, string Output, string Error) Run(params string[] args)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(_root, "deploy.sh"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["PATH"] = Bin + ":/usr/bin:/bin";
        start.Environment["CALLS"] = Path.Combine(_root, "calls");
        start.Environment["FAKE"] = _root;
        using var process = Process.Start(start)!;
        process.StandardInput.Close(); // not a terminal, like CI
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    private void Stub(string name, string body)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>deploy.sh in the repository.</summary>
    public static string ScriptPath => Path.Combine(RepoRoot(), "deploy.sh");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "deploy.sh"))) return dir.FullName;
        throw new InvalidOperationException("deploy.sh not found above the test binaries.");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
