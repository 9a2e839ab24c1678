using System.Text.Json.Nodes;
using Ipfs.Components;
using Ipfs.Manifests.Builders.Storage;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Serialization;
using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;
using Pulumi;
using Pulumi.Utilities;
using Xunit;

namespace Ipfs.Infra.Tests;

/// <summary>The FastSsdStorage component under the mocked engine: what it registers per platform, and how.</summary>
public class StorageTests
{
    private static ClusterSpec Prod(Func<StorageSpec, StorageSpec> change)
    {
        var prod = StackRun.StackFile("prod");
        return prod with { Storage = change(prod.Storage) };
    }

    private static async Task<(RecordingMocks Mocks, FastSsdStorage Storage)> Register(ClusterSpec spec, StorageState? deployed = null)
    {
        var mocks = new RecordingMocks();
        FastSsdStorage? storage = null;
        await Deployment.TestAsync(mocks, StackRun.Options(), () =>
        {
            storage = new FastSsdStorage("storage", new FastSsdStorageArgs { Spec = spec, Deployed = deployed });
        });
        return (mocks, storage!);
    }

    private static List<RecordingMocks.Registration> Kubernetes(RecordingMocks mocks) =>
        mocks.Registrations.Where(r => r.Type.StartsWith("kubernetes:", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task ProdStack_RegistersStorageUnderTheProviderTypeTokensOfEveryKind()
    {
        var mocks = new RecordingMocks();
        await StackRun.Run(StackRun.StackFile("prod"), mocks);

        var types = mocks.Registrations.Select(r => r.Type).ToHashSet();
        foreach (var type in new[]
                 {
                     "kubernetes:storage.k8s.io/v1:StorageClass", "kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass",
                     "kubernetes:core/v1:PersistentVolumeClaim", "kubernetes:batch/v1:CronJob", "kubernetes:core/v1:ServiceAccount",
                     "kubernetes:rbac.authorization.k8s.io/v1:Role", "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
                 })
            Assert.Contains(type, types);
        Assert.Contains(mocks.Registrations, r => r.Type == "kubernetes:storage.k8s.io/v1:StorageClass" && r.Name == "fast-ssd"); // cluster-scoped: no namespace
        Assert.Contains(mocks.Registrations, r => r.Type == "kubernetes:core/v1:PersistentVolumeClaim" && r.Name == "ipfs/data-ipfs-0");
        var component = Assert.Single(mocks.OfType("ipfs:index:FastSsdStorage"));
        Assert.Equal("ipfs", component.Inputs["namespace"]);
        Assert.Equal("fast-ssd", component.Inputs["className"]);
    }

    public static TheoryData<string> Platforms => new() { "gke", "gke-hyperdisk", "aws", "aws-io2", "azure", "azure-premium", "local", "existing" };

    private static ClusterSpec PlatformSpec(string platform) => platform switch
    {
        "gke" => Prod(s => s),
        "gke-hyperdisk" => Prod(s => s with { Gke = new("hyperdisk-balanced", 6000, 400) }),
        "aws" => Prod(s => s with { Platform = StoragePlatform.Aws, Aws = new("gp3", 6000, 500) }),
        "aws-io2" => Prod(s => s with { Platform = StoragePlatform.Aws, Aws = new("io2", 16000, 0) }),
        "azure" => Prod(s => s with { Platform = StoragePlatform.Azure, Azure = new("PremiumV2_LRS", 5000, 200) }),
        "azure-premium" => Prod(s => s with { Platform = StoragePlatform.Azure, Azure = new("Premium_LRS", 0, 0) }),
        "local" => StackRun.StackFile("dev"),
        _ => Prod(s => s with { Platform = StoragePlatform.Existing, ClassName = "premium-rwo", Backup = s.Backup with { ClassName = "standard-rwo" } }),
    };

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RegisteredStorageObjects_AreExactlyWhatManifestsBuildsOnEveryPlatform(string platform)
    {
        var spec = PlatformSpec(platform);
        Assert.Empty(ClusterSpecLoader.Validate(spec));

        var (mocks, storage) = await Register(spec);

        var expected = ClusterManifest.StorageObjects(spec);
        var registered = Kubernetes(mocks);
        Assert.Equal(expected.Count, storage.Objects.Count);
        Assert.Equal(expected.Select(o => (ManifestObject.TypeToken(o), ManifestObject.LogicalName(o))), registered.Select(r => (r.Type, r.Name)));
        for (var i = 0; i < expected.Count; i++)
        {
            var built = JsonNode.Parse(ManifestJson.Serialize(expected[i]))!;
            Assert.True(JsonNode.DeepEquals(built, StackRun.ToJson(registered[i].Inputs)), $"{platform}: {registered[i].Name} differs from what Manifests builds");
        }
        var classes = registered.Where(r => r.Type == "kubernetes:storage.k8s.io/v1:StorageClass").Select(r => StackRun.ToJson(r.Inputs)).ToList();
        Assert.Equal(platform == "existing" ? 0 : 1, classes.Count(c => (string)c["metadata"]!["name"]! == spec.Storage.ClassName));
        Assert.All(classes, c => Assert.Equal("WaitForFirstConsumer", (string)c["volumeBindingMode"]!));
    }

    [Fact]
    public async Task PlatformParameters_ReachTheRegisteredStorageClass()
    {
        var (mocks, _) = await Register(PlatformSpec("aws-io2"));

        var fastSsd = StackRun.ToJson(Assert.Single(mocks.Registrations, r => r.Name == "fast-ssd").Inputs);
        Assert.Equal("ebs.csi.aws.com", (string)fastSsd["provisioner"]!);
        Assert.Equal("io2", (string)fastSsd["parameters"]!["type"]!);
        Assert.Equal("16000", (string)fastSsd["parameters"]!["iops"]!);
        Assert.Equal("true", (string)fastSsd["parameters"]!["encrypted"]!);
        Assert.Equal("Retain", (string)fastSsd["reclaimPolicy"]!);
        Assert.True((bool)fastSsd["allowVolumeExpansion"]!);
    }

    // ---------------------------------------------------------------------------------------
    // Protection: the options every object is registered with come from one pure decision.
    // ---------------------------------------------------------------------------------------

    public static TheoryData<string, string, bool, bool> Options => new()
    {
        // stack, object, protect, retainOnDelete
        { "prod", "StorageClass/fast-ssd", true, true },
        { "prod", "StorageClass/ipfs-backup", true, true },
        { "prod", "VolumeSnapshotClass/ipfs-snapshots", true, false },
        { "prod", "PersistentVolumeClaim/data-ipfs-0", false, true },
        { "prod", "PersistentVolumeClaim/ipfs-backups", false, true },
        { "prod", "CronJob/ipfs-volume-snapshots", false, false },
        { "dev", "StorageClass/ipfs-local-path", false, false },
        { "dev", "PersistentVolumeClaim/data-ipfs-0", false, true },
        { "prod-recreate", "PersistentVolumeClaim/state-ipfs-1", false, false },
    };

    [Theory]
    [MemberData(nameof(Options))]
    public async Task RegistrationOptions_ProtectStatefulObjectsInProdAndRetainEveryClaim(string stack, string obj, bool protect, bool retainOnDelete)
    {
        var spec = stack switch
        {
            "prod-recreate" => Prod(s => s with { Migration = new(RecreateClaims: true) }),
            _ => StackRun.StackFile(stack),
        };
        var target = ClusterManifest.StorageObjects(spec).Single(o => $"{o.Kind}/{o.Metadata.Name}" == obj);

        await Deployment.TestAsync(new RecordingMocks(), StackRun.Options(), () =>
        {
            var options = FastSsdStorage.RegistrationOptions(target, spec, []);
            Assert.Equal(protect, options.Protect ?? false);
            Assert.Equal(retainOnDelete, options.RetainOnDelete ?? false);
        });
    }

    [Fact]
    public async Task ClaimsWaitForTheirClassAndCronJobsForWhatTheyMount()
    {
        var spec = StackRun.StackFile("prod");
        var (_, storage) = await Register(spec);
        var objects = ClusterManifest.StorageObjects(spec);

        async Task<List<string>> DependsOn(string kind, string name)
        {
            var index = objects.ToList().FindIndex(o => o.Kind == kind && o.Metadata.Name == name);
            var earlier = storage.Objects.Take(index).ToList();
            var options = FastSsdStorage.RegistrationOptions(objects[index], spec,
                earlier.Where((_, i) => StorageRetention.IsPrerequisite(objects[i], spec)));
            var resources = await OutputUtilities.GetValueAsync(options.DependsOn.ToOutput());
            return resources.Cast<ManifestObject>().Select(r => ((System.Text.Json.JsonElement)r.Inputs["metadata"]!).GetProperty("name").GetString()!).ToList();
        }

        Assert.Equal(["fast-ssd", "ipfs-backup", "ipfs-snapshots"], await DependsOn("PersistentVolumeClaim", "data-ipfs-1"));
        Assert.Equal(["fast-ssd", "ipfs-backup", "ipfs-snapshots", "ipfs-backups", "ipfs-storage-scripts"], await DependsOn("CronJob", "ipfs-pinset-backup"));
        Assert.Equal(["fast-ssd", "ipfs-backup", "ipfs-snapshots", "ipfs-backups", "ipfs-storage-scripts", "ipfs-volume-snapshots", "ipfs-volume-snapshots", "ipfs-volume-snapshots"],
            await DependsOn("CronJob", "ipfs-volume-snapshots"));
    }

    // ---------------------------------------------------------------------------------------
    // Deployed state: the same refusals as render, before anything is registered.
    // ---------------------------------------------------------------------------------------

    private static StorageState DeployedFrom(ClusterSpec spec) =>
        StorageState.FromObjects("live cluster", ClusterManifest.StorageObjects(spec));

    [Fact]
    public async Task ShrinkingAgainstTheDeployedClaims_FailsTheRunAndRegistersNoStorageObject()
    {
        var deployed = DeployedFrom(StackRun.StackFile("prod"));
        var mocks = new RecordingMocks();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(mocks, StackRun.Options(), () =>
        {
            _ = new FastSsdStorage("storage", new FastSsdStorageArgs { Spec = Prod(s => s with { DataSize = "50Gi" }), Deployed = deployed });
        }));

        var message = error is AggregateException a ? string.Join("\n", a.Flatten().InnerExceptions.Select(e => e.Message)) : error.ToString();
        Assert.Contains("FastSsdStorage: ipfs-infra:storage.dataSize = 50Gi: would shrink data-ipfs-0, data-ipfs-1 and data-ipfs-2 from 100Gi to 50Gi", message);
        Assert.Contains("(deployed state: live cluster)", message);
        Assert.Empty(Kubernetes(mocks));
    }

    [Fact]
    public async Task ChangingTheClassAgainstTheDeployedClaims_FailsUnlessTheClaimsAreRecreated()
    {
        var deployed = DeployedFrom(StackRun.StackFile("prod"));

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => Register(Prod(s => s with { ClassName = "faster-ssd" }), deployed));
        Assert.Contains("would move data-ipfs-0, state-ipfs-0, data-ipfs-1 and 3 more from class fast-ssd to faster-ssd", refused.ToString());

        var (mocks, _) = await Register(Prod(s => s with { ClassName = "faster-ssd", Migration = new(RecreateClaims: true) }), deployed);
        var claim = StackRun.ToJson(Assert.Single(mocks.Registrations, r => r.Name == "ipfs/data-ipfs-0").Inputs);
        Assert.Equal("faster-ssd", (string)claim["spec"]!["storageClassName"]!);
    }

    [Fact]
    public async Task GrowingAgainstTheDeployedClaims_RegistersTheLargerClaimsInPlace()
    {
        var deployed = DeployedFrom(StackRun.StackFile("prod"));

        var (mocks, _) = await Register(Prod(s => s with { DataSize = "300Gi" }), deployed);

        var claim = StackRun.ToJson(Assert.Single(mocks.Registrations, r => r.Name == "ipfs/data-ipfs-2").Inputs);
        Assert.Equal("300Gi", (string)claim["spec"]!["resources"]!["requests"]!["storage"]!);
        Assert.Equal(["ipfs/data-ipfs-2"], mocks.Registrations.Where(r => r.Name == "ipfs/data-ipfs-2").Select(r => r.Name)); // same resource, new size
    }

    [Fact]
    public async Task FirstPreview_RegistersEveryStorageObjectWithItsSpec()
    {
        var preview = new RecordingMocks { ResolveRandomValues = false };
        await StackRun.Run(StackRun.StackFile("prod"), preview, preview: true);

        var claim = StackRun.ToJson(Assert.Single(preview.Registrations, r => r.Name == "ipfs/data-ipfs-0").Inputs);
        Assert.Equal("100Gi", (string)claim["spec"]!["resources"]!["requests"]!["storage"]!);
        Assert.Single(preview.Registrations, r => r.Type == "kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass");
    }
}
