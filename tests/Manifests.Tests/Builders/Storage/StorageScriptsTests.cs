using Ipfs.Manifests.Builders.Storage;
using Ipfs.Manifests.Crds;
using Ipfs.Manifests.Crds.Snapshot;
using Ipfs.Manifests.Serialization;
using Ipfs.Manifests.Spec;
using k8s;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.Storage;

/// <summary>
/// The backup, restore and snapshot scripts run for real under busybox sh: a pinset export is written
/// to a dated file and pruned, re-imported pin by pin with everything that makes a pin, and every
/// peer's volumes are snapshotted as one set that is pruned only once the new set is ready.
/// </summary>
public class StorageScriptsTests
{
    private static ClusterSpec Prod(Func<StorageSpec, StorageSpec>? change = null) =>
        TestSpecs.Prod with { Storage = change is null ? TestSpecs.Prod.Storage : change(TestSpecs.Prod.Storage) };

    private const string Host = "/dns/ipfs-peers.ipfs.svc.cluster.local/tcp/9094";

    /// <summary>
    /// Three pins as `ipfs-cluster-ctl --enc=json pin ls` prints them (Go's json.MarshalIndent of
    /// api.Pin, field order and HTML escaping included), plus a shard pin that is not re-imported.
    /// </summary>
    internal const string PinsetExport = """
        {
            "replication_factor_min": 2,
            "replication_factor_max": 3,
            "name": "photo \"2024\" \u003cb\u003e \u0026 more",
            "mode": "recursive",
            "shard_size": 0,
            "user_allocations": null,
            "expire_at": "0001-01-01T00:00:00Z",
            "metadata": {
                "owner": "team-a",
                "path": "a=b: c, d"
            },
            "pin_update": null,
            "origins": [],
            "cid": "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
            "type": "pin",
            "allocations": [
                "12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf",
                "12D3KooWHxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtg"
            ],
            "max_depth": -1,
            "reference": null,
            "timestamp": "2025-03-01T02:30:00Z"
        }
        {
            "replication_factor_min": -1,
            "replication_factor_max": -1,
            "name": "",
            "mode": "direct",
            "shard_size": 0,
            "user_allocations": null,
            "expire_at": "0001-01-01T00:00:00Z",
            "metadata": null,
            "pin_update": null,
            "origins": null,
            "cid": "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG",
            "type": "pin",
            "allocations": [],
            "max_depth": 0,
            "reference": null,
            "timestamp": "2025-03-01T02:31:00Z"
        }
        {
            "replication_factor_min": 1,
            "replication_factor_max": 1,
            "name": "shard of something",
            "mode": "recursive",
            "shard_size": 104857600,
            "user_allocations": null,
            "expire_at": "0001-01-01T00:00:00Z",
            "metadata": {},
            "pin_update": null,
            "origins": [],
            "cid": "bafyreih4bzuvwbcjh7k6mr6ljgtf7ty6ulvjk5wh5wqhgkoe7ckwzwkn4q",
            "type": "shard",
            "allocations": [],
            "max_depth": 1,
            "reference": "bafyreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy",
            "timestamp": "2025-03-01T02:32:00Z"
        }
        {
            "replication_factor_min": 0,
            "replication_factor_max": 0,
            "name": "tab\there \\ back\/slash: \"quoted\"",
            "mode": "recursive",
            "shard_size": 0,
            "user_allocations": null,
            "expire_at": "0001-01-01T00:00:00Z",
            "metadata": {
                "key \"with\": colon": "value"
            },
            "pin_update": null,
            "origins": [
                "/dns/example.org/tcp/4001/p2p/12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf"
            ],
            "cid": "bafkreie5cvv4h45feadgeuwhbcutmh6t2ceseocckahdoe6uat64zmz454",
            "type": "pin",
            "allocations": [],
            "max_depth": -1,
            "reference": null,
            "timestamp": "2025-03-01T02:33:00Z"
        }

        """;

    // ---------------------------------------------------------------------------------------
    // Backup.
    // ---------------------------------------------------------------------------------------

    [Fact]
    public void Backup_WritesTheExportToADatedFileThroughTheAuthenticatedApi()
    {
        using var h = new StorageScriptHarness(Prod());
        var export = h.WriteFile("export.json", PinsetExport);

        var (exit, output, error) = h.Run(StorageScripts.BackupScript, ("CTL_EXPORT", export));

        Assert.True(exit == 0, error);
        var file = Assert.Single(Directory.GetFiles(h.Backups));
        Assert.Matches(@"^pinset-20[0-9]{6}-[0-9]{6}\.json$", Path.GetFileName(file));
        Assert.Equal(PinsetExport, File.ReadAllText(file));
        Assert.Contains($"exported 4 pins to", output);
        var call = Assert.Single(StorageScriptHarness.Calls(h.CtlLog));
        Assert.Equal(["--host", Host, "--force-http", "--enc=json", "pin", "ls", "CREDENTIALS=admin:fixed-test-password"], call);
        Assert.DoesNotContain(call[..^1], a => a.Contains("fixed-test-password", StringComparison.Ordinal)); // never on the command line
    }

    [Fact]
    public void Backup_KeepsTheNewestExportsOnlyAndLeavesOtherFilesAlone()
    {
        var spec = Prod(s => s with { Backup = s.Backup with { Retain = 3 } });
        using var h = new StorageScriptHarness(spec);
        Directory.CreateDirectory(h.Backups);
        var older = new[] { "pinset-20240101-020000.json", "pinset-20240102-020000.json", "pinset-20240103-020000.json", "pinset-20231231-020000.json" };
        foreach (var name in older) File.WriteAllText(Path.Combine(h.Backups, name), "{}\n");
        File.WriteAllText(Path.Combine(h.Backups, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(h.Backups, "pinset-manual.json"), "mine");

        var (exit, output, error) = h.Run(StorageScripts.BackupScript, ("CTL_EXPORT", h.WriteFile("export.json", PinsetExport)));

        Assert.True(exit == 0, error);
        var remaining = Directory.GetFiles(h.Backups).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(5, remaining.Count);
        Assert.Contains("notes.txt", remaining);
        Assert.Contains("pinset-manual.json", remaining);
        Assert.Contains("pinset-20240103-020000.json", remaining);
        Assert.Contains("pinset-20240102-020000.json", remaining);
        Assert.DoesNotContain("pinset-20240101-020000.json", remaining);
        Assert.DoesNotContain("pinset-20231231-020000.json", remaining);
        Assert.Contains("removed pinset-20240101-020000.json (keeping the newest 3)", output);
    }

    [Fact]
    public void FailedBackup_FailsTheJobAndKeepsEveryEarlierExport()
    {
        var spec = Prod(s => s with { Backup = s.Backup with { Retain = 1 } });
        using var h = new StorageScriptHarness(spec);
        Directory.CreateDirectory(h.Backups);
        File.WriteAllText(Path.Combine(h.Backups, "pinset-20240101-020000.json"), "{}\n");
        File.WriteAllText(Path.Combine(h.Backups, "pinset-20240102-020000.json"), "{}\n");

        var (exit, _, error) = h.Run(StorageScripts.BackupScript, ("CTL_EXPORT", h.WriteFile("partial.json", "{\n")), ("CTL_LS_EXIT", "1"));

        Assert.NotEqual(0, exit);
        Assert.Contains("the pinset export failed; earlier exports are kept", error);
        Assert.Equal(["pinset-20240101-020000.json", "pinset-20240102-020000.json"], Directory.GetFiles(h.Backups).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    // ---------------------------------------------------------------------------------------
    // Restore.
    // ---------------------------------------------------------------------------------------

    private static List<string[]> PinAdds(StorageScriptHarness h) =>
        StorageScriptHarness.Calls(h.CtlLog).Where(c => c.Contains("add")).Select(c => c[..^1]).ToList();

    [Fact]
    public void BackupThenRestore_ReImportsEveryPinWithItsNameModeReplicationAndMetadata()
    {
        using var h = new StorageScriptHarness(Prod());
        Assert.Equal(0, h.Run(StorageScripts.BackupScript, ("CTL_EXPORT", h.WriteFile("export.json", PinsetExport))).Exit);

        var (exit, output, error) = h.Run(StorageScripts.RestoreScript);

        Assert.True(exit == 0, error);
        var adds = PinAdds(h);
        Assert.Equal(3, adds.Count);
        Assert.Equal(
            ["--host", Host, "--force-http", "pin", "add", "--no-status", "--mode", "recursive", "--name", "photo \"2024\" <b> & more",
             "--replication-min=2", "--replication-max=3", "--metadata", "owner=team-a", "--metadata", "path=a=b: c, d",
             "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"],
            adds[0]);
        Assert.Equal(
            ["--host", Host, "--force-http", "pin", "add", "--no-status", "--mode", "direct", "--name", "",
             "--replication-min=-1", "--replication-max=-1", "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"],
            adds[1]);
        Assert.Equal(
            ["--host", Host, "--force-http", "pin", "add", "--no-status", "--mode", "recursive", "--name", "tab here \\ back/slash: \"quoted\"",
             "--replication-min=0", "--replication-max=0", "--metadata", "key \"with\": colon=value",
             "bafkreie5cvv4h45feadgeuwhbcutmh6t2ceseocckahdoe6uat64zmz454"],
            adds[2]);
        Assert.All(StorageScriptHarness.Calls(h.CtlLog), c => Assert.Equal("CREDENTIALS=admin:fixed-test-password", c[^1]));
        Assert.Contains("re-pinned 3 pins from pinset-", output);
        Assert.Contains("(1 entries of other types skipped, 0 failed)", output);
    }

    [Fact]
    public void Restore_OfLatestTakesTheNewestExport()
    {
        using var h = new StorageScriptHarness(Prod());
        Directory.CreateDirectory(h.Backups);
        File.WriteAllText(Path.Combine(h.Backups, "pinset-20250101-000000.json"), PinsetExport);
        File.WriteAllText(Path.Combine(h.Backups, "pinset-20250301-000000.json"), PinsetExport.Split("\n{\n")[0] + "\n");

        var (exit, output, _) = h.Run(StorageScripts.RestoreScript);

        Assert.Equal(0, exit);
        Assert.Contains("re-importing the pinset from", output);
        Assert.Contains("pinset-20250301-000000.json", output);
        Assert.Single(PinAdds(h));
    }

    [Fact]
    public void Restore_OfANamedExportTakesThatOne()
    {
        using var h = new StorageScriptHarness(Prod(s => s with { Restore = s.Restore with { PinsetExport = "pinset-20250101-000000.json" } }));
        Directory.CreateDirectory(h.Backups);
        File.WriteAllText(Path.Combine(h.Backups, "pinset-20250101-000000.json"), PinsetExport);
        File.WriteAllText(Path.Combine(h.Backups, "pinset-20250301-000000.json"), "");

        var (exit, _, error) = h.Run(StorageScripts.RestoreScript);

        Assert.True(exit == 0, error);
        Assert.Equal(3, PinAdds(h).Count);
    }

    [Fact]
    public void Restore_FailsLoudlyWithoutAnExport()
    {
        using var h = new StorageScriptHarness(Prod(s => s with { Restore = s.Restore with { PinsetExport = "pinset-20250101-000000.json" } }));
        var (exit, _, error) = h.Run(StorageScripts.RestoreScript);
        Assert.NotEqual(0, exit);
        Assert.Contains("pinsets/pinset-20250101-000000.json does not exist", error);

        using var latest = new StorageScriptHarness(Prod());
        var (exit2, _, error2) = latest.Run(StorageScripts.RestoreScript);
        Assert.NotEqual(0, exit2);
        Assert.Contains("no pinset export in", error2);
        Assert.Empty(PinAdds(latest));
    }

    [Fact]
    public void Restore_KeepsGoingPastAFailedPinAndFailsTheJobAtTheEnd()
    {
        using var h = new StorageScriptHarness(Prod());
        Directory.CreateDirectory(h.Backups);
        File.WriteAllText(Path.Combine(h.Backups, "pinset-20250101-000000.json"), PinsetExport);

        var (exit, output, error) = h.Run(StorageScripts.RestoreScript, ("CTL_FAIL", "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"));

        Assert.NotEqual(0, exit);
        Assert.Equal(3, PinAdds(h).Count);
        Assert.Contains("could not re-pin QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", error);
        Assert.Contains("re-pinned 2 pins", output);
        Assert.Contains("1 failed", output);
    }

    // ---------------------------------------------------------------------------------------
    // Snapshots.
    // ---------------------------------------------------------------------------------------

    private static List<V1VolumeSnapshot> CreatedSnapshots(StorageScriptHarness h) => Directory.GetFiles(h.Created).Order(StringComparer.Ordinal)
        .Select(f => (V1VolumeSnapshot)ManifestYaml.LoadAll(File.ReadAllText(f)).Single())
        .ToList();

    [Fact]
    public void Snapshot_TakesOneSetOfEveryPeersVolumesThatFitsTheCrd()
    {
        var spec = Prod();
        using var h = new StorageScriptHarness(spec);

        var (exit, output, error) = h.Run(StorageScripts.SnapshotScript);

        Assert.True(exit == 0, error);
        var snapshots = CreatedSnapshots(h);
        Assert.Equal(["data-ipfs-0", "state-ipfs-0", "data-ipfs-1", "state-ipfs-1", "data-ipfs-2", "state-ipfs-2"],
            snapshots.Select(s => s.Spec.Source.PersistentVolumeClaimName));
        var set = snapshots[0].Metadata.Labels[StorageNames.SnapshotSetLabel];
        Assert.Matches(@"^20[0-9]{6}-[0-9]{6}$", set);
        var schema = CrdSchema.V1Schema(CrdSchema.CrdFile("snapshot.storage.k8s.io_volumesnapshots.yaml"));
        foreach (var snapshot in snapshots)
        {
            var claim = snapshot.Spec.Source.PersistentVolumeClaimName!;
            Assert.Equal(StorageNames.Snapshot(claim, set), snapshot.Metadata.Name);
            Assert.Equal(spec.Namespace, snapshot.Metadata.NamespaceProperty);
            Assert.Equal(set, snapshot.Metadata.Labels[StorageNames.SnapshotSetLabel]);
            Assert.Equal(claim, snapshot.Metadata.Labels[StorageNames.SnapshotClaimLabel]);
            Assert.Equal("ipfs-infra", snapshot.Metadata.Labels["app.kubernetes.io/managed-by"]);
            Assert.Equal("ipfs-snapshots", snapshot.Spec.VolumeSnapshotClassName);
            Assert.Null(snapshot.Spec.Source.VolumeSnapshotContentName);
            Assert.Empty(CrdSchema.Problems(snapshot, schema));
        }
        var wait = Assert.Single(StorageScriptHarness.Calls(h.KubectlLog), c => c.Contains("wait"));
        Assert.Equal(["-n", "ipfs", "wait", "--for=jsonpath={.status.readyToUse}=true", "--timeout=30m", .. snapshots.Select(s => "volumesnapshot/" + s.Metadata.Name), ""], wait);
        Assert.Contains($"snapshot set {set} is ready (6 snapshots)", output);
    }

    [Fact]
    public void Snapshot_RestoreSelectsTheSetTheJobNamed()
    {
        var spec = Prod();
        using var h = new StorageScriptHarness(spec);
        Assert.Equal(0, h.Run(StorageScripts.SnapshotScript).Exit);
        var taken = CreatedSnapshots(h);
        var set = taken[0].Metadata.Labels[StorageNames.SnapshotSetLabel];

        var restored = spec with { Storage = spec.Storage with { Restore = spec.Storage.Restore with { SnapshotSet = set } } };

        Assert.Empty(Ipfs.Manifests.Config.ClusterSpecLoader.Validate(restored));
        Assert.Equal(taken.Select(s => s.Metadata.Name).Order(), VolumeClaimsBuilder.NodeClaims(restored).Select(c => c.Spec.DataSource.Name).Order());
    }

    [Fact]
    public void Snapshot_PrunesOnlyThisJobsOlderSetsBeyondTheNewestPerClaim()
    {
        var spec = Prod(s => s with { Snapshots = s.Snapshots with { Retain = 2 } });
        using var h = new StorageScriptHarness(spec);
        File.WriteAllLines(Path.Combine(h.Snapshots, "data-ipfs-0"),
        [
            "volumesnapshot.snapshot.storage.k8s.io/data-ipfs-0-20240102-000000",
            "volumesnapshot.snapshot.storage.k8s.io/data-ipfs-0-20240101-000000",
            "volumesnapshot.snapshot.storage.k8s.io/data-ipfs-0-20240103-000000",
        ]);

        var (exit, _, error) = h.Run(StorageScripts.SnapshotScript);

        Assert.True(exit == 0, error);
        var calls = StorageScriptHarness.Calls(h.KubectlLog);
        var lists = calls.Where(c => c.Length > 3 && c[3] == "volumesnapshots").ToList();
        Assert.Equal(6, lists.Count);
        Assert.All(lists, c => Assert.Matches(@"^ipfs-infra/claim=(data|state)-ipfs-[0-2],ipfs-infra/snapshot-set$", c[5]));
        var deletes = calls.Where(c => c.Contains("delete")).Select(c => c[^2]).ToList();
        Assert.Equal(["volumesnapshot.snapshot.storage.k8s.io/data-ipfs-0-20240102-000000", "volumesnapshot.snapshot.storage.k8s.io/data-ipfs-0-20240101-000000"], deletes);
        Assert.All(calls.Where(c => c.Contains("delete")), c => Assert.Contains("--wait=false", c));
        Assert.True(calls.FindIndex(c => c.Contains("wait")) < calls.FindIndex(c => c.Contains("delete")), "pruned before the new set was ready");
    }

    [Fact]
    public void Snapshot_ThatDoesNotBecomeReady_FailsAndPrunesNothing()
    {
        using var h = new StorageScriptHarness(Prod(s => s with { Snapshots = s.Snapshots with { Retain = 1 } }));
        File.WriteAllLines(Path.Combine(h.Snapshots, "data-ipfs-0"), ["volumesnapshot.snapshot.storage.k8s.io/data-ipfs-0-20240101-000000"]);

        var (exit, _, error) = h.Run(StorageScripts.SnapshotScript, ("WAIT_EXIT", "1"));

        Assert.NotEqual(0, exit);
        Assert.Contains("did not become ready; older sets are kept", error);
        Assert.DoesNotContain(StorageScriptHarness.Calls(h.KubectlLog), c => c.Contains("delete"));
    }

    [Fact]
    public void Snapshot_SkipsAMissingClaimAndFailsWhenThereIsNone()
    {
        using var h = new StorageScriptHarness(Prod());
        var (exit, _, error) = h.Run(StorageScripts.SnapshotScript, ("MISSING_CLAIMS", "state-ipfs-1"));
        Assert.Equal(0, exit);
        Assert.Contains("claim state-ipfs-1 does not exist; not snapshotted", error);
        Assert.Equal(5, CreatedSnapshots(h).Count);

        using var none = new StorageScriptHarness(Prod());
        var (exit2, _, error2) = none.Run(StorageScripts.SnapshotScript,
            ("MISSING_CLAIMS", "data-ipfs-0 state-ipfs-0 data-ipfs-1 state-ipfs-1 data-ipfs-2 state-ipfs-2"));
        Assert.NotEqual(0, exit2);
        Assert.Contains("no claim to snapshot", error2);
    }
}
