using Ipfs.Manifests.Builders;
using Ipfs.Components;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Rendering;
using Pulumi;
using Xunit;

namespace Ipfs.Infra.Tests;

/// <summary>What Pulumi may delete or replace without a deliberate act, per profile.</summary>
public class ProtectionTests
{
    [Theory]
    [InlineData("prod", true)]
    [InlineData("dev", false)]
    public async Task StatefulSetIsProtectedOnlyWhereTheSpecProtectsStatefulResources(string stack, bool expected)
    {
        var spec = StackRun.StackFile(stack);
        await Deployment.TestAsync(new RecordingMocks(), StackRun.Options(), () =>
        {
            var objects = ClusterManifest.NodeSetObjects(spec, ClusterIdentities.Placeholder(spec.Peers), SecretsChecksum.Placeholder);
            foreach (var obj in objects)
            {
                var options = IpfsNodeSet.ObjectOptions(spec, obj, [], []);
                Assert.Equal(expected && obj is k8s.Models.V1StatefulSet, options.Protect ?? false);
            }
        });
    }

    [Fact]
    public async Task StatefulSetWaitsForEverythingRegisteredBeforeItInTheNodeSet()
    {
        var spec = StackRun.StackFile("dev");
        IpfsNodeSet? nodeSet = null;
        await Deployment.TestAsync(new RecordingMocks(), StackRun.Options(), () =>
        {
            nodeSet = new IpfsNodeSet("nodes", new IpfsNodeSetArgs { Spec = spec, Identities = Output.Create(ClusterIdentities.Placeholder(spec.Peers)), SecretsChecksum = Output.Create(SecretsChecksum.Placeholder) });
        });

        var objects = nodeSet!.Objects;
        var statefulSetIndex = objects.ToList().FindIndex(o => (string)o.Inputs["kind"]! == "StatefulSet");
        var earlier = objects.Take(statefulSetIndex).ToList();
        var options = IpfsNodeSet.ObjectOptions(spec, ClusterManifest.NodeSetObjects(spec, ClusterIdentities.Placeholder(spec.Peers), SecretsChecksum.Placeholder).Single(o => o.Kind == "StatefulSet"), [], earlier);
        var dependsOn = await Pulumi.Utilities.OutputUtilities.GetValueAsync(options.DependsOn.ToOutput());
        Assert.Equal(earlier.Count, dependsOn.Length);
        Assert.Contains(earlier, e => (string)e.Inputs["kind"]! == "ConfigMap");
    }
}
