using System.Globalization;
using System.Text;
using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Crds.Snapshot;
using Ipfs.Manifests.Serialization;
using Ipfs.Manifests.Spec;
using k8s;

namespace Ipfs.Manifests.Builders.Storage;

/// <summary>
/// The shell scripts of the storage jobs, POSIX sh as busybox runs it (the ipfs-cluster image is
/// Alpine; the snapshot image has busybox too). Values from the spec are baked in, so the scripts'
/// ConfigMap changes whenever a setting does.
/// </summary>
public static class StorageScripts
{
    /// <summary>Where the backup volume is mounted.</summary>
    public const string BackupMount = "/backups";

    /// <summary>Folder of the pinset exports on the backup volume.</summary>
    public const string PinsetDirectory = BackupMount + "/pinsets";

    /// <summary>Where the scripts ConfigMap is mounted.</summary>
    public const string ScriptsMount = "/scripts";

    /// <summary>Script key: exports the pinset.</summary>
    public const string BackupScript = "backup-pinset.sh";

    /// <summary>Script key: re-imports a pinset export.</summary>
    public const string RestoreScript = "restore-pinset.sh";

    /// <summary>Script key: snapshots every peer's volumes and prunes old sets.</summary>
    public const string SnapshotScript = "snapshot-volumes.sh";

    /// <summary>How long the snapshot job waits for a new set to become ready to use.</summary>
    public const string SnapshotReadyTimeout = "30m";

    /// <summary>Export file names: pinset-YYYYMMDD-HHMMSS.json (UTC), which sort by time.</summary>
    private const string ExportPattern = @"^pinset-[0-9]{8}-[0-9]{6}\.json$";

    /// <summary>
    /// The REST API address the pinset jobs use: the headless peer Service, whose name resolves to
    /// every peer; ipfs-cluster-ctl tries each address in turn, so one peer being down does not fail a backup.
    /// </summary>
    public static string ApiHost(ClusterSpec spec) =>
        $"/dns/{spec.Names.ServiceDns(spec.Names.PeerService)}/tcp/{Ports.ClusterRestApi}";

    /// <summary>Exports the pinset into a dated file and keeps the newest <see cref="BackupSpec.Retain"/>.</summary>
    public static string Backup(ClusterSpec spec) =>
        "#!/bin/sh\n" +
        "# Exports the cluster pinset through the REST API into a dated file on the backup volume and keeps\n" +
        "# the newest exports. ipfs-cluster-ctl reads the credentials (user:password) from CLUSTER_CREDENTIALS,\n" +
        "# which comes from the REST API Secret; --force-http because the API is plain HTTP inside the cluster.\n" +
        "set -eu\n" +
        $"dir={PinsetDirectory}\n" +
        $"keep={Invariant(spec.Storage.Backup.Retain)}\n" +
        $"host={ApiHost(spec)}\n" +
        "mkdir -p \"$dir\"\n" +
        "stamp=\"$(date -u +%Y%m%d-%H%M%S)\"\n" +
        "file=\"$dir/pinset-$stamp.json\"\n" +
        "partial=\"$dir/.pinset-$stamp.json.partial\"\n" +
        "trap 'rm -f \"$partial\"' EXIT\n" +
        "if ! ipfs-cluster-ctl --host \"$host\" --force-http --enc=json pin ls > \"$partial\"; then\n" +
        "  echo \"ipfs-infra: the pinset export failed; earlier exports are kept\" >&2\n" +
        "  exit 1\n" +
        "fi\n" +
        "mv \"$partial\" \"$file\"\n" +
        "pins=\"$(grep -c '^    \"cid\": ' \"$file\" || true)\"\n" +
        "echo \"ipfs-infra: exported $pins pins to $file\"\n" +
        $"ls -1 \"$dir\" | grep -E '{ExportPattern}' | sort -r | tail -n +\"$((keep + 1))\" | while read -r old; do\n" +
        "  rm -f \"$dir/$old\"\n" +
        "  echo \"ipfs-infra: removed $old (keeping the newest $keep)\"\n" +
        "done\n";

    /// <summary>
    /// Re-imports the export selected by <see cref="RestoreSpec.PinsetExport"/>: every pin of type
    /// "pin" with its CID, name, mode, replication factors and metadata.
    /// </summary>
    public static string Restore(ClusterSpec spec) =>
        "#!/bin/sh\n" +
        "# Re-imports a pinset export through the REST API: every pin of type \"pin\" is added again with its\n" +
        "# CID, name, mode, replication factors and metadata. Pinning is idempotent: pins already in the\n" +
        "# pinset stay as they are. Expiry dates and user allocations are not restored. Start it with\n" +
        $"#   kubectl -n {spec.Namespace} create job --from=cronjob/{StorageNames.RestoreCronJob(spec)} {StorageNames.RestoreCronJob(spec)}-$(date +%s)\n" +
        "set -euf\n" +
        $"dir={PinsetDirectory}\n" +
        $"host={ApiHost(spec)}\n" +
        $"export_name={spec.Storage.Restore.PinsetExport}\n" +
        "if [ \"$export_name\" = latest ]; then\n" +
        $"  export_name=\"$(ls -1 \"$dir\" 2>/dev/null | grep -E '{ExportPattern}' | sort -r | head -n 1 || true)\"\n" +
        "  if [ -z \"$export_name\" ]; then\n" +
        "    echo \"ipfs-infra: no pinset export in $dir to restore\" >&2\n" +
        "    exit 1\n" +
        "  fi\n" +
        "fi\n" +
        "file=\"$dir/$export_name\"\n" +
        "if [ ! -r \"$file\" ]; then\n" +
        "  echo \"ipfs-infra: $file does not exist\" >&2\n" +
        "  exit 1\n" +
        "fi\n" +
        "echo \"ipfs-infra: re-importing the pinset from $file\"\n" +
        "us=\"$(printf '\\037')\"\n" +
        "rs=\"$(printf '\\036')\"\n" +
        "pins=\"${TMPDIR:-/tmp}/pins\"\n" +
        "# ipfs-cluster-ctl --enc=json prints one indented JSON object per pin (Go's MarshalIndent): '{' and\n" +
        "# '}' alone on a line, top-level fields indented by four spaces, metadata entries by eight.\n" +
        "awk -v us=\"$us\" -v rs=\"$rs\" '\n" +
        ParsePinsAwk +
        "' \"$file\" > \"$pins\"\n" +
        "added=0\n" +
        "failed=0\n" +
        "skipped=0\n" +
        "while IFS=\"$us\" read -r cid type mode rmin rmax name meta; do\n" +
        "  if [ \"$type\" != pin ] || [ -z \"$cid\" ]; then\n" +
        "    skipped=$((skipped + 1))\n" +
        "    continue\n" +
        "  fi\n" +
        "  set -- --host \"$host\" --force-http pin add --no-status --mode \"${mode:-recursive}\" --name \"$name\"\n" +
        "  if [ -n \"$rmin\" ]; then set -- \"$@\" \"--replication-min=$rmin\"; fi\n" +
        "  if [ -n \"$rmax\" ]; then set -- \"$@\" \"--replication-max=$rmax\"; fi\n" +
        "  if [ -n \"$meta\" ]; then\n" +
        "    saved_ifs=\"$IFS\"\n" +
        "    IFS=\"$rs\"\n" +
        "    for pair in $meta; do set -- \"$@\" --metadata \"$pair\"; done\n" +
        "    IFS=\"$saved_ifs\"\n" +
        "  fi\n" +
        "  if ipfs-cluster-ctl \"$@\" \"$cid\" < /dev/null > /dev/null; then\n" +
        "    added=$((added + 1))\n" +
        "  else\n" +
        "    failed=$((failed + 1))\n" +
        "    echo \"ipfs-infra: could not re-pin $cid\" >&2\n" +
        "  fi\n" +
        "done < \"$pins\"\n" +
        "echo \"ipfs-infra: re-pinned $added pins from $export_name ($skipped entries of other types skipped, $failed failed)\"\n" +
        "[ \"$failed\" -eq 0 ]\n";

    /// <summary>
    /// awk program turning a pinset export into one line per pin: cid, type, mode, replication min,
    /// replication max, name, metadata (key=value pairs), separated by the unit separator (pairs by
    /// the record separator). JSON strings are unescaped; control characters become spaces.
    /// </summary>
    private const string ParsePinsAwk = """
        function jstring(s, i,    out, c) {
          out = ""
          for (i = i + 1; i <= length(s); i++) {
            c = substr(s, i, 1)
            if (c == "\"") { jend = i + 1; return out }
            if (c == "\\") {
              i++
              c = substr(s, i, 1)
              if (c == "u") { out = out unicode(substr(s, i + 1, 4)); i += 4; continue }
              if (c == "n" || c == "t" || c == "r" || c == "b" || c == "f") { out = out " "; continue }
            }
            out = out c
          }
          jend = i
          return out
        }
        function unicode(h,    n, k, d) {
          n = 0
          for (k = 1; k <= 4; k++) {
            d = index("0123456789abcdef", tolower(substr(h, k, 1))) - 1
            if (d < 0) return "?"
            n = n * 16 + d
          }
          if (n < 32) return " "
          if (n < 128) return sprintf("%c", n)
          return "\\u" h
        }
        function field(line,    rest) {
          fkey = jstring(line, index(line, "\""))
          rest = substr(line, jend + 2)
          if (substr(rest, 1, 1) == "\"") { fval = jstring(rest, 1); return }
          sub(/,$/, "", rest)
          fval = rest == "null" ? "" : rest
        }
        /^\{$/ { cid = ""; type = ""; mode = ""; rmin = ""; rmax = ""; name = ""; meta = ""; inmeta = 0; next }
        inmeta && /^    \}/ { inmeta = 0; next }
        inmeta && /^        "/ { field($0); meta = meta (meta == "" ? "" : rs) fkey "=" fval; next }
        /^    "/ {
          field($0)
          if (fkey == "cid") cid = fval
          else if (fkey == "type") type = fval
          else if (fkey == "mode") mode = fval
          else if (fkey == "replication_factor_min") rmin = fval
          else if (fkey == "replication_factor_max") rmax = fval
          else if (fkey == "name") name = fval
          else if (fkey == "metadata" && fval == "{") inmeta = 1
          next
        }
        /^\}$/ { print cid us type us mode us rmin us rmax us name us meta }

        """;

    /// <summary>
    /// Snapshots every peer's data and state claim as one set labelled with its UTC time, waits until
    /// the whole set is ready to use, then deletes this job's older sets beyond the newest
    /// <see cref="SnapshotSpec.Retain"/> per claim.
    /// </summary>
    public static string Snapshot(ClusterSpec spec) =>
        "#!/bin/sh\n" +
        "# Takes one snapshot set: a CSI VolumeSnapshot of every peer's data and state claim, all labelled\n" +
        $"# with the set's UTC time ({StorageNames.SnapshotSetLabel}; storage.restore.snapshotSet restores from a set).\n" +
        "# Waits until every new snapshot is ready to use, and only then deletes this job's older sets beyond\n" +
        "# the newest ones per claim. Snapshots without the set label (taken by hand) are never deleted.\n" +
        "set -euf\n" +
        $"namespace={spec.Namespace}\n" +
        $"statefulset={spec.Names.StatefulSet}\n" +
        $"peers={Invariant(spec.Peers)}\n" +
        $"keep={Invariant(spec.Storage.Snapshots.Retain)}\n" +
        "set_id=\"$(date -u +%Y%m%d-%H%M%S)\"\n" +
        "taken=\"\"\n" +
        "i=0\n" +
        "while [ \"$i\" -lt \"$peers\" ]; do\n" +
        $"  for template in {StatefulSetBuilder.DataVolume} {StatefulSetBuilder.StateVolume}; do\n" +
        "    claim=\"$template-$statefulset-$i\"\n" +
        "    if ! kubectl -n \"$namespace\" get persistentvolumeclaim \"$claim\" > /dev/null; then\n" +
        "      echo \"ipfs-infra: claim $claim does not exist; not snapshotted\" >&2\n" +
        "      continue\n" +
        "    fi\n" +
        "    kubectl -n \"$namespace\" create -f - <<EOF\n" +
        SnapshotManifest(spec) +
        "EOF\n" +
        "    taken=\"$taken $claim\"\n" +
        "  done\n" +
        "  i=$((i + 1))\n" +
        "done\n" +
        "if [ -z \"$taken\" ]; then\n" +
        "  echo \"ipfs-infra: no claim to snapshot\" >&2\n" +
        "  exit 1\n" +
        "fi\n" +
        "set --\n" +
        "for claim in $taken; do set -- \"$@\" \"volumesnapshot/$claim-$set_id\"; done\n" +
        $"if ! kubectl -n \"$namespace\" wait --for=jsonpath='{{.status.readyToUse}}'=true --timeout={SnapshotReadyTimeout} \"$@\"; then\n" +
        "  echo \"ipfs-infra: snapshot set $set_id did not become ready; older sets are kept\" >&2\n" +
        "  exit 1\n" +
        "fi\n" +
        "echo \"ipfs-infra: snapshot set $set_id is ready ($# snapshots)\"\n" +
        "for claim in $taken; do\n" +
        $"  kubectl -n \"$namespace\" get volumesnapshots -l \"{StorageNames.SnapshotClaimLabel}=$claim,{StorageNames.SnapshotSetLabel}\" -o name | sort -r | tail -n +\"$((keep + 1))\" | while read -r old; do\n" +
        "    kubectl -n \"$namespace\" delete --wait=false \"$old\" < /dev/null\n" +
        "  done\n" +
        "done\n";

    /// <summary>
    /// The VolumeSnapshot the snapshot script creates per claim, as YAML with shell variables
    /// (<c>$claim</c>, <c>$set_id</c>) that the script's here-document fills in.
    /// </summary>
    public static V1VolumeSnapshot SnapshotTemplate(ClusterSpec spec)
    {
        var metadata = ObjectMeta.For(spec, "${claim}-${set_id}", "snapshots");
        metadata.Labels[StorageNames.SnapshotSetLabel] = "${set_id}";
        metadata.Labels[StorageNames.SnapshotClaimLabel] = "${claim}";
        return new V1VolumeSnapshot
        {
            Metadata = metadata,
            Spec = new V1VolumeSnapshotSpec
            {
                Source = new V1VolumeSnapshotSource { PersistentVolumeClaimName = "${claim}" },
                VolumeSnapshotClassName = spec.Storage.Snapshots.ClassName,
            },
        };
    }

    private static string SnapshotManifest(ClusterSpec spec)
    {
        var yaml = ManifestYaml.Serialize(SnapshotTemplate(spec));
        var text = new StringBuilder();
        foreach (var line in yaml.TrimEnd('\n').Split('\n'))
            text.Append(line).Append('\n');
        return text.ToString();
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
