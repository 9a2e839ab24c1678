using Ipfs.Manifests.Builders.Storage;
using Ipfs.Manifests.Spec;
using Ipfs.Manifests.Tests.Builders.NodeSet;

namespace Ipfs.Manifests.Tests.Builders.Storage;

/// <summary>
/// Runs the storage jobs' scripts for real under busybox sh (the shell of the ipfs-cluster image and of
/// the snapshot image; /bin/sh where busybox is missing), with ipfs-cluster-ctl and kubectl replaced by
/// recorders that behave like the real tools where the scripts depend on it. The backup volume is
/// mapped into a temporary folder.
/// </summary>
internal sealed class StorageScriptHarness : IDisposable
{
    public const char Separator = '\u001f';

    private readonly string _root = Directory.CreateTempSubdirectory("ipfs-storage-scripts-").FullName;
    private readonly Dictionary<string, string> _scripts;
    private readonly ClusterSpec _spec;

    public StorageScriptHarness(ClusterSpec spec)
    {
        _spec = spec;
        _scripts = new Dictionary<string, string>(StorageJobsBuilder.Scripts(spec)!.Data);
        foreach (var folder in new[] { "bin", "backups", "created", "snapshots", "scripts" })
            Directory.CreateDirectory(Path.Combine(_root, folder));
        foreach (var (name, text) in _scripts)
            File.WriteAllText(Path.Combine(_root, "scripts", name), text);
        Tool("ipfs-cluster-ctl", """
            #!/bin/sh
            { printf '%s\037' "$@"; printf 'CREDENTIALS=%s\n' "${CLUSTER_CREDENTIALS:-}"; } >> "$CTL_LOG"
            for a in "$@"; do last="$a"; done
            case " $* " in
              *" pin ls "*)
                if [ -n "${CTL_EXPORT:-}" ]; then cat "$CTL_EXPORT"; fi
                exit "${CTL_LS_EXIT:-0}" ;;
              *" pin add "*)
                case " ${CTL_FAIL:-} " in *" $last "*) echo "error pinning $last" >&2; exit 2 ;; esac
                echo "pinned $last"
                exit 0 ;;
            esac
            echo "unexpected ipfs-cluster-ctl $*" >&2
            exit 3
            """);
        Tool("kubectl", """
            #!/bin/sh
            { printf '%s\037' "$@"; printf '\n'; } >> "$KUBECTL_LOG"
            if [ "$1" = "-n" ]; then shift 2; fi
            case "$1" in
              get)
                if [ "$2" = persistentvolumeclaim ]; then
                  case " ${MISSING_CLAIMS:-} " in *" $3 "*) echo "Error from server (NotFound): persistentvolumeclaims \"$3\" not found" >&2; exit 1 ;; esac
                  echo "persistentvolumeclaim/$3"
                  exit 0
                fi
                if [ "$2" = volumesnapshots ] && [ "$3" = -l ]; then
                  claim="${4#ipfs-infra/claim=}"
                  claim="${claim%%,*}"
                  if [ -f "$SNAPSHOTS/$claim" ]; then cat "$SNAPSHOTS/$claim"; fi
                  exit 0
                fi ;;
              create)
                n="$(ls "$CREATED" | wc -l)"
                file="$CREATED/$(printf '%03d' "$n").yaml"
                cat > "$file"
                name="$(sed -n 's/^  name: //p' "$file")"
                claim="$(sed -n 's/^    persistentVolumeClaimName: //p' "$file")"
                echo "volumesnapshot.snapshot.storage.k8s.io/$name" >> "$SNAPSHOTS/$claim"
                echo "volumesnapshot.snapshot.storage.k8s.io/$name created"
                exit 0 ;;
              wait) exit "${WAIT_EXIT:-0}" ;;
              delete) exit 0 ;;
            esac
            echo "unexpected kubectl $*" >&2
            exit 3
            """);
    }

    public static string Shell => ImageShell.Path;

    public string Backups => Path.Combine(_root, "backups", "pinsets");

    public string CtlLog => Path.Combine(_root, "ctl.log");

    public string KubectlLog => Path.Combine(_root, "kubectl.log");

    public string Created => Path.Combine(_root, "created");

    public string Snapshots => Path.Combine(_root, "snapshots");

    /// <summary>Runs a script with the given environment; returns exit code, stdout and stderr.</summary>
    public (int Exit, string Output, string Error) Run(string script, params (string Name, string Value)[] env)
    {
        var text = _scripts[script]
            .Replace(StorageScripts.BackupMount + "/", Path.Combine(_root, "backups") + "/", StringComparison.Ordinal)
            .Replace(StorageScripts.ScriptsMount + "/", Path.Combine(_root, "scripts") + "/", StringComparison.Ordinal);
        var path = Path.Combine(_root, script);
        File.WriteAllText(path, text);

        var environment = new Dictionary<string, string>
        {
            ["PATH"] = ImageShell.SearchPath(Path.Combine(_root, "bin")),
            ["TMPDIR"] = _root,
            ["CTL_LOG"] = CtlLog,
            ["KUBECTL_LOG"] = KubectlLog,
            ["CREATED"] = Created,
            ["SNAPSHOTS"] = Snapshots,
            ["CLUSTER_CREDENTIALS"] = "admin:fixed-test-password",
        };
        foreach (var (name, value) in StorageScripts.Values(_spec, script)) environment[name] = value;
        foreach (var (name, value) in env) environment[name] = value;
        return ImageShell.Run(path, environment);
    }

    /// <summary>Each recorded invocation's arguments (and, for ipfs-cluster-ctl, the credentials it saw last).</summary>
    public static List<string[]> Calls(string log) => File.Exists(log)
        ? File.ReadAllLines(log).Select(l => l.Split(Separator)).ToList()
        : [];

    /// <summary>Writes a file into the test folder and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, content);
        return path;
    }

    private void Tool(string name, string script)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("The storage scripts run under a POSIX shell.");
        var path = Path.Combine(_root, "bin", name);
        File.WriteAllText(path, script + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
