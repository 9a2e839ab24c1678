using System.Text;
using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Spec;
using Ipfs.Manifests.Serialization;
using k8s;
using k8s.Models;
using Xunit;
using Xunit.Abstractions;

namespace Ipfs.Manifests.Tests.Builders;

/// <summary>
/// The largest cluster the config accepts (1000 peers) with the longest names it accepts (name 30
/// characters, namespace 63) stays within Linux's and Kubernetes' limits: every object, every
/// ConfigMap's and Secret's data, the last-applied annotation client-side `kubectl apply` adds, and
/// every argument and environment variable of every container. Prints what it measured.
/// </summary>
public class ScaleLimitsTests(ITestOutputHelper output)
{
    /// <summary>Linux MAX_ARG_STRLEN: one argument or "NAME=value" environment string (32 pages).</summary>
    public const int MaxArgStrlen = 128 * 1024;

    /// <summary>Kubernetes: data of one ConfigMap or Secret (and, with margin, any object in etcd).</summary>
    public const int MaxConfigMapBytes = 1024 * 1024;

    /// <summary>Kubernetes: all annotations of one object together (apimachinery TotalAnnotationSizeLimitB).</summary>
    public const int MaxAnnotationsBytes = 256 * 1024;

    public const int MaxPeers = 1000;

    /// <summary>
    /// <paramref name="profile"/> at <see cref="MaxPeers"/> with the longest names, the longest
    /// cluster domain they leave room for (pod addresses of 253 characters) and, for load-balancer
    /// exposure, the longest addresses.
    /// </summary>
    public static ClusterSpec Largest(ClusterSpec profile)
    {
        var named = profile with { Peers = MaxPeers, Name = "n" + new string('x', 28) + "n", Namespace = "s" + new string('y', 61) + "s" };
        var room = Naming.KubernetesNames.MaxDnsName - (named.Names.PodDns(MaxPeers - 1).Length - named.Network.ClusterDomain.Length);
        var labels = new List<string>();
        while (room > 0)
        {
            var length = Math.Min(63, room - (labels.Count > 0 ? 1 : 0));
            if (length <= 0) break;
            labels.Add(new string((char)('a' + labels.Count), length));
            room -= length + (labels.Count > 1 ? 1 : 0);
        }
        var spec = named with { Network = named.Network with { ClusterDomain = string.Join('.', labels) } };
        Assert.Equal(Naming.KubernetesNames.MaxDnsName, spec.Names.PodDns(MaxPeers - 1).Length);
        return spec with
        {
            Network = spec.Network with
            {
                LoadBalancer = profile.Network.LoadBalancer with
                {
                    Addresses = profile.Network.Exposure == SwarmExposure.LoadBalancer
                        ? [.. Enumerable.Range(0, MaxPeers).Select(i => $"2600:1900:4000:{i:x4}:ffff:ffff:ffff:ffff")]
                        : profile.Network.LoadBalancer.Addresses,
                },
            },
        };
    }

    public static TheoryData<string> Profiles => new() { "dev", "prod", "private", "load-balancer", "node-port-addresses" };

    [Fact]
    public void TheConfigAcceptsNoMoreThanTheTestedPeerCount() =>
        Assert.Equal($"integer 1..{MaxPeers}", global::Ipfs.Manifests.Config.ConfigSchema.ByPath["peers"].Type.Describe());

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TheLargestClusterWithTheLongestNamesFitsEveryLimit(string scenario)
    {
        var spec = Largest(Network.NetworkScenarios.For(scenario));
        var objects = ClusterManifest.Build(spec, TestSpecs.Material(spec)).SelectMany(c => c.Objects).ToList();
        var problems = new List<string>();
        var largestObject = (Name: "", Bytes: 0);
        var largestArg = (Name: "", Bytes: 0);

        foreach (var o in objects)
        {
            var name = $"{o.Kind}/{o.Metadata.Name}";
            // Client-side apply stores the object as applied (compact JSON) in one annotation.
            var applied = Encoding.UTF8.GetByteCount(ManifestJson.Serialize(o));
            var annotations = (o.Metadata.Annotations ?? new Dictionary<string, string>()).Sum(a => Encoding.UTF8.GetByteCount(a.Key) + Encoding.UTF8.GetByteCount(a.Value));
            if (applied > largestObject.Bytes) largestObject = (name, applied);
            if (applied + annotations > MaxAnnotationsBytes) problems.Add($"{name}: last-applied annotation {applied} B + annotations {annotations} B > {MaxAnnotationsBytes} B");
            var data = o switch
            {
                V1ConfigMap map => (map.Data ?? new Dictionary<string, string>()).Sum(d => Encoding.UTF8.GetByteCount(d.Key) + Encoding.UTF8.GetByteCount(d.Value)),
                V1Secret secret => (secret.StringData ?? new Dictionary<string, string>()).Sum(d => Encoding.UTF8.GetByteCount(d.Key) + Encoding.UTF8.GetByteCount(d.Value))
                    + (secret.Data ?? new Dictionary<string, byte[]>()).Sum(d => Encoding.UTF8.GetByteCount(d.Key) + d.Value.Length),
                _ => 0,
            };
            if (data > MaxConfigMapBytes) problems.Add($"{name}: data {data} B > {MaxConfigMapBytes} B");
            foreach (var (container, strings) in ContainerStrings(o))
            {
                // The kubelet adds little to a container's own strings; ARG_MAX is at least 128 KiB even with a small stack.
                var total = strings.Sum(s => Encoding.UTF8.GetByteCount(s) + 1);
                if (total > MaxArgStrlen) problems.Add($"{name} {container}: arguments and variables of {total} B together > {MaxArgStrlen} B");
                foreach (var s in strings)
                {
                    var bytes = Encoding.UTF8.GetByteCount(s) + 1;
                    if (bytes > largestArg.Bytes) largestArg = ($"{name} {container}", bytes);
                    if (bytes > MaxArgStrlen) problems.Add($"{name} {container}: an argument or variable of {bytes} B > {MaxArgStrlen} B");
                }
            }
            output.WriteLine($"{name}: applied {applied} B, data {data} B");
        }
        output.WriteLine($"largest object: {largestObject.Name} {largestObject.Bytes} B; largest argument or variable: {largestArg.Name} {largestArg.Bytes} B");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// The pods' scripts at the largest size: kubo's and ipfs-cluster's starts run under busybox sh
    /// and write every other peer from files; no process they start gets a long argument (where
    /// strace is installed, every execve is measured).
    /// </summary>
    [Fact]
    public void TheStartScriptsOfTheLargestClusterReadTheLongListsFromFiles()
    {
        var spec = Largest(TestSpecs.Prod);
        using var harness = new NodeSet.ScriptHarness(spec, TestSpecs.Material(spec));
        const int ordinal = MaxPeers - 1;

        var kubo = harness.StartKubo(ordinal, NodeSet.ScriptHarness.SampleKuboConfig);
        harness.StartCluster(ordinal, spec.Names.StatefulSet);

        var config = System.Text.Json.Nodes.JsonNode.Parse(harness.RepoConfig(ordinal))!;
        Assert.Equal(MaxPeers - 1, config["Peering"]!["Peers"]!.AsArray().Count);
        Assert.Equal(MaxPeers - 1, harness.ServiceJson(ordinal)["cluster"]!["peer_addresses"]!.AsArray().Count);
        Assert.Equal(MaxPeers, harness.ServiceJson(ordinal)["consensus"]!["crdt"]!["trusted_peers"]!.AsArray().Count);
        var longest = kubo.SelectMany(c => c).Max(a => a.Length);
        output.WriteLine($"longest argument of a kubo call: {longest} B");
        Assert.True(longest < 1024);

        var strace = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "strace")).FirstOrDefault(File.Exists);
        if (strace is null)
        {
            output.WriteLine("NOTICE: strace is not installed; the scripts' execve arguments were not measured.");
            return;
        }
        var largest = harness.LargestExecveString(strace, ordinal, spec.Names.StatefulSet);
        output.WriteLine($"largest execve argument or environment string of both starts at {MaxPeers} peers: {largest} B (limit {MaxArgStrlen} B)");
        Assert.InRange(largest, 1, MaxArgStrlen / 8);
    }

    /// <summary>Each container's command, arguments and "NAME=value" environment strings.</summary>
    private static IEnumerable<(string Container, List<string> Strings)> ContainerStrings(IKubernetesObject<V1ObjectMeta> o)
    {
        var pod = o switch
        {
            V1StatefulSet s => s.Spec.Template.Spec,
            V1CronJob c => c.Spec.JobTemplate.Spec.Template.Spec,
            V1Job j => j.Spec.Template.Spec,
            V1Deployment d => d.Spec.Template.Spec,
            _ => null,
        };
        if (pod is null) yield break;
        foreach (var c in pod.Containers.Concat(pod.InitContainers ?? []))
            yield return (c.Name, [.. c.Command ?? [], .. c.Args ?? [], .. (c.Env ?? []).Select(e => $"{e.Name}={e.Value}")]);
    }
}
