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
              *) true ;;
            esac
            """);
        Stub("kubectl", """
            echo "kubectl $*" >> "$CALLS"
            case "$*" in
              *"config current-context"*) echo ambient-context ;;
              *"config get-contexts"*) [ ! -e "$FAKE/no-context" ] ;;
              *"rollout status"*) [ ! -e "$FAKE/rollout-fails" ] ;;
              *" exec "*) i=0; while [ "$i" -lt "$(cat "$FAKE/peers-seen")" ]; do echo "12D3KooWPeer$i | ipfs-$i | Sees 2 other peers"; echo "  > Addresses:"; i=$((i+1)); done ;;
              *) true ;;
            esac
            """);
        Facts = "STACK=dev\nPROFILE=dev\nNAMESPACE=ipfs-dev\nSTATEFULSET=ipfs\nPEERS=3\nKUBE_CONTEXT=kind-ipfs-dev\n";
        PeersSeen = 3;
    }

    private string Bin => Path.Combine(_root, "bin");

    public string Facts { set => File.WriteAllText(Path.Combine(_root, "facts"), value); }

    public int PeersSeen { set => File.WriteAllText(Path.Combine(_root, "peers-seen"), value.ToString(System.Globalization.CultureInfo.InvariantCulture)); }

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

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "deploy.sh"))) return dir.FullName;
        throw new InvalidOperationException("deploy.sh not found above the test binaries.");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
