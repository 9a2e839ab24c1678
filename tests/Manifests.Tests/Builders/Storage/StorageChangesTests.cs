using Ipfs.Manifests.Builders.Storage;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Spec;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.Storage;

/// <summary>
/// Volumes grow in place, never shrink, never change class or restore source silently: the plan of
/// a run against the previously deployed claims, and the previous render as that deployed state.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StorageChangesTests : IDisposable
{
    private const string Source = "Pulumi.prod.yaml";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("storage-changes-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static ClusterSpec Prod(Func<StorageSpec, StorageSpec> change) => TestSpecs.Prod with { Storage = change(TestSpecs.Prod.Storage) };

    /// <summary>The claims a render of <paramref name="spec"/> holds, as the previous render's state.</summary>
    private static StorageState Deployed(ClusterSpec spec) =>
        StorageState.FromRendered("out/prod/storage.yaml", ManifestRenderer.Documents(ClusterManifest.StorageObjects(spec)));

    private static ConfigValidationException Refused(ClusterSpec deployed, ClusterSpec next) =>
        Assert.Throws<ConfigValidationException>(() => StorageChanges.Verify(Deployed(deployed), next, Source));

    [Fact]
    public void FirstDeployment_CreatesEveryClaimAndTellsNothing()
    {
        var plan = StorageChanges.Verify(null, TestSpecs.Prod, Source);

        Assert.All(plan, c => Assert.Equal(ClaimChangeKind.Create, c.Kind));
        Assert.Equal(7, plan.Count); // 3 x (data, state) + backups
        Assert.Empty(StorageChanges.Describe(plan));
    }

    [Fact]
    public void SameConfig_ChangesNothing()
    {
        var plan = StorageChanges.Verify(Deployed(TestSpecs.Prod), TestSpecs.Prod, Source);

        Assert.All(plan, c => Assert.Equal(ClaimChangeKind.Unchanged, c.Kind));
        Assert.Empty(StorageChanges.Describe(plan));
    }

    [Fact]
    public void GrowingIsAnInPlaceExpansionOfExactlyTheGrownClaims()
    {
        var plan = StorageChanges.Verify(Deployed(TestSpecs.Prod), Prod(s => s with { DataSize = "250Gi" }), Source);

        Assert.Equal(["data-ipfs-0", "data-ipfs-1", "data-ipfs-2"], plan.Where(c => c.Kind == ClaimChangeKind.Grow).Select(c => c.Claim));
        Assert.All(plan.Where(c => c.Kind != ClaimChangeKind.Grow), c => Assert.Equal(ClaimChangeKind.Unchanged, c.Kind));
        Assert.Equal(["data-ipfs-0, data-ipfs-1 and data-ipfs-2 grow from 100Gi to 250Gi (in-place volume expansion)"], StorageChanges.Describe(plan));
    }

    [Fact]
    public void GrowingByAnEquivalentQuantity_IsNoChange()
    {
        var plan = StorageChanges.Verify(Deployed(TestSpecs.Prod), Prod(s => s with { DataSize = "102400Mi" }), Source);

        Assert.DoesNotContain(plan, c => c.Kind != ClaimChangeKind.Unchanged);
    }

    [Fact]
    public void ScalingUp_AddsNewClaimsNextToTheDeployedOnes()
    {
        var plan = StorageChanges.Verify(Deployed(TestSpecs.Prod), TestSpecs.Prod with { Peers = 4 }, Source);

        Assert.Equal(["data-ipfs-3", "state-ipfs-3"], plan.Where(c => c.Kind == ClaimChangeKind.Create).Select(c => c.Claim));
        Assert.Contains("data-ipfs-3 is new (fast-ssd 100Gi)", StorageChanges.Describe(plan));
    }

    public static TheoryData<string, Func<StorageSpec, StorageSpec>, string, string, string> Refusals => new()
    {
        { "shrinking data", s => s with { DataSize = "50Gi" }, "storage.dataSize", "50Gi",
            "would shrink data-ipfs-0, data-ipfs-1 and data-ipfs-2 from 100Gi to 50Gi: volumes only grow (Kubernetes refuses to shrink a claim). Keep 100Gi or more" },
        { "shrinking state", s => s with { StateSize = "9Gi" }, "storage.stateSize", "9Gi", "would shrink state-ipfs-0, state-ipfs-1 and state-ipfs-2 from 10Gi to 9Gi" },
        { "shrinking backups", s => s with { Backup = s.Backup with { Size = "10Gi" } }, "storage.backup.size", "10Gi", "would shrink ipfs-backups from 20Gi to 10Gi" },
        { "another class", s => s with { ClassName = "faster-ssd" }, "storage.className", "faster-ssd",
            "would move data-ipfs-0, state-ipfs-0, data-ipfs-1 and 3 more from class fast-ssd to faster-ssd: a claim's class cannot change in place, so this replaces the volumes" },
        { "another backup class", s => s with { Backup = s.Backup with { ClassName = "cold" } }, "storage.backup.className", "cold", "would move ipfs-backups from class ipfs-backup to cold" },
        { "restoring into existing claims", s => s with { Restore = s.Restore with { SnapshotSet = "20250301-020000" } }, "storage.restore.snapshotSet", "20250301-020000",
            "would restore data-ipfs-0, state-ipfs-0, data-ipfs-1 and 3 more from data-ipfs-0-20250301-020000, but they exist and keep their data: a restore needs new claims" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void ChangesAClaimCannotTake_AreRefusedNamingTheFileKeyValueAndWayOut(string because, Func<StorageSpec, StorageSpec> change, string key, string value, string message)
    {
        var error = Refused(TestSpecs.Prod, Prod(change));

        var problem = Assert.Single(error.Problems);
        Assert.Equal((Source, StackConfig.KeyOf(key), value), (problem.Source, problem.Key, problem.Value));
        Assert.True(problem.Message.StartsWith(message, StringComparison.Ordinal), $"{because}: {problem.Message}");
        Assert.Contains("storage.migration.recreateClaims", problem.Message);
        Assert.EndsWith("(deployed state: out/prod/storage.yaml)", problem.Message);
    }

    [Fact]
    public void EveryRefusedChange_IsReportedInOneRun()
    {
        var error = Refused(TestSpecs.Prod, Prod(s => s with { ClassName = "other", DataSize = "10Gi", StateSize = "1Gi", Backup = s.Backup with { Size = "1Gi" } }));

        Assert.Equal(
            [StackConfig.KeyOf("storage.backup.size"), StackConfig.KeyOf("storage.className"), StackConfig.KeyOf("storage.dataSize"), StackConfig.KeyOf("storage.stateSize")],
            error.Problems.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Contains("(4 problems)", error.Message);
    }

    [Fact]
    public void RemovingTheRestoreSourceOfRestoredClaims_IsRefused()
    {
        var restored = Prod(s => s with { Restore = s.Restore with { SnapshotSet = "20250301-020000" } });

        var problem = Assert.Single(Refused(restored, TestSpecs.Prod).Problems);
        Assert.Equal(StackConfig.KeyOf("storage.restore.snapshotSet"), problem.Key);
        Assert.Contains("is no longer set, but data-ipfs-0, state-ipfs-0, data-ipfs-1 and 3 more were restored from data-ipfs-0-20250301-020000", problem.Message);
    }

    [Fact]
    public void KeepingTheRestoreSourceAfterARestore_ChangesNothing()
    {
        var restored = Prod(s => s with { Restore = s.Restore with { SnapshotSet = "20250301-020000" } });

        Assert.All(StorageChanges.Verify(Deployed(restored), restored, Source), c => Assert.Equal(ClaimChangeKind.Unchanged, c.Kind));
    }

    [Fact]
    public void AcknowledgedRecreation_AllowsClassRestoreAndShrinkAndSaysSo()
    {
        var next = Prod(s => s with
        {
            ClassName = "faster-ssd",
            StateSize = "5Gi",
            Restore = s.Restore with { SnapshotSet = "20250301-020000" },
            Migration = new(RecreateClaims: true),
        });

        var plan = StorageChanges.Verify(Deployed(TestSpecs.Prod), next, Source);

        Assert.Equal(6, plan.Count(c => c.Kind == ClaimChangeKind.Recreate));
        Assert.Equal(ClaimChangeKind.Unchanged, plan.Single(c => c.Claim == "ipfs-backups").Kind);
        Assert.Contains("data-ipfs-0, data-ipfs-1 and data-ipfs-2 are re-created (fast-ssd 100Gi -> faster-ssd 100Gi, restored from data-ipfs-0-20250301-020000): storage.migration.recreateClaims; remove it after this change",
            StorageChanges.Describe(plan));
    }

    [Fact]
    public void AStaleRecreateAcknowledgement_IsRefusedSoItCannotLetALaterChangeThrough()
    {
        var problem = Assert.Single(Refused(TestSpecs.Prod, Prod(s => s with { Migration = new(RecreateClaims: true) })).Problems);

        Assert.Equal((StackConfig.KeyOf("storage.migration.recreateClaims"), "true"), (problem.Key, problem.Value));
        Assert.StartsWith("has nothing to re-create", problem.Message);
    }

    [Fact]
    public void AcknowledgementWithoutADeployedState_IsAccepted()
    {
        var plan = StorageChanges.Verify(null, Prod(s => s with { ClassName = "faster-ssd", Migration = new(RecreateClaims: true) }), Source);

        Assert.All(plan, c => Assert.Equal(ClaimChangeKind.Create, c.Kind));
    }

    // ---------------------------------------------------------------------------------------
    // The previous render as the deployed state.
    // ---------------------------------------------------------------------------------------

    private void Render(ClusterSpec spec)
    {
        using var folder = OutputFolder.Open(_dir.FullName);
        folder.Replace(ManifestRenderer.Render(ClusterManifest.Build(spec, TestSpecs.Material(spec))));
    }

    [Fact]
    public void ReadRendered_ReadsTheClaimsOfThePreviousRender()
    {
        Render(Prod(s => s with { DataSize = "300Gi", Restore = s.Restore with { SnapshotSet = "20250301-020000" } }));

        var state = StorageState.ReadRendered(_dir.FullName)!;

        Assert.Equal(Path.Combine(_dir.FullName, "storage.yaml"), state.Source);
        Assert.Equal(7, state.Claims.Count);
        Assert.Equal(new ClaimState("data-ipfs-1", "fast-ssd", "300Gi", "data-ipfs-1-20250301-020000"), state.Claims["data-ipfs-1"]);
        Assert.Equal(new ClaimState("ipfs-backups", "ipfs-backup", "20Gi", null), state.Claims["ipfs-backups"]);
    }

    [Fact]
    public void ReadRendered_HasNoStateForAnEmptyFolderOrAFileRenderDidNotWrite()
    {
        Assert.Null(StorageState.ReadRendered(_dir.FullName));
        Assert.Null(StorageState.ReadRendered(Path.Combine(_dir.FullName, "missing")));

        File.WriteAllText(Path.Combine(_dir.FullName, "storage.yaml"), "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: mine\n");
        Assert.Null(StorageState.ReadRendered(_dir.FullName));
    }

    [Fact]
    public void ReadRendered_FailsLoudlyOnAGeneratedFileItCannotRead()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "storage.yaml"),
            ManifestRenderer.Header + "\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nspec: [unclosed\n");

        var error = Assert.Throws<IOException>(() => StorageState.ReadRendered(_dir.FullName));
        Assert.Contains("cannot read the volume claims of the previous render", error.Message);
        Assert.Contains("delete it to render without those checks", error.Message);
    }

    [Fact]
    public void PreviousRender_RefusesAShrinkAndAllowsGrowth()
    {
        Render(TestSpecs.Prod);

        var grown = StorageChanges.Verify(StorageState.ReadRendered(_dir.FullName), Prod(s => s with { DataSize = "200Gi" }), Source);
        Assert.Contains(grown, c => c.Kind == ClaimChangeKind.Grow);

        Render(Prod(s => s with { DataSize = "200Gi" }));
        var error = Assert.Throws<ConfigValidationException>(() => StorageChanges.Verify(StorageState.ReadRendered(_dir.FullName), TestSpecs.Prod, Source));
        Assert.Contains("Pulumi.prod.yaml: ipfs-infra:storage.dataSize = 100Gi: would shrink data-ipfs-0, data-ipfs-1 and data-ipfs-2 from 200Gi to 100Gi", error.Message);
    }

    [Fact]
    public void DocumentSeparatorsInsideScripts_DoNotConfuseTheReader()
    {
        var spec = TestSpecs.Prod with { Peers = 5 };
        var objects = ClusterManifest.StorageObjects(spec).ToList();
        objects.Insert(0, new k8s.Models.V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new() { Name = "tricky", NamespaceProperty = "ipfs" },
            Data = new Dictionary<string, string> { ["x.sh"] = "echo a\n---\nkind: PersistentVolumeClaim\n---\n" },
        });

        var state = StorageState.FromRendered("storage.yaml", ManifestRenderer.Documents(objects));

        Assert.Equal(11, state.Claims.Count);
    }
}
