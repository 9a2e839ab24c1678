using Xunit;

namespace Ipfs.Cli.Tests;

/// <summary>
/// The native binary (NativeAOT, source-generated serialisation) renders byte for byte what the
/// library renders under the JIT, for the project's stacks and every variant of the objects the
/// tests build; and it reports bad input the same way. Skipped visibly without clang.
/// </summary>
public sealed class NativeRenderTests : IClassFixture<NativeBinary>, IDisposable
{
    private readonly NativeBinary _native;
    private readonly DirectoryInfo _project = Directory.CreateTempSubdirectory("render-native-");

    public NativeRenderTests(NativeBinary native)
    {
        _native = native;
        var repository = NativeBinary.RepositoryDirectory();
        foreach (var file in new[] { "Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml" })
            File.Copy(Path.Combine(repository, file), Path.Combine(_project.FullName, file));
    }

    public void Dispose() => _project.Delete(recursive: true);

    /// <summary>Stack name and its config lines beside the profile; dev and prod are the project's own stack files.</summary>
    public static TheoryData<string, string[]> Stacks => new()
    {
        { "dev", [] },
        { "prod", [] },
        { "dev-private-swarm", ["profile: dev", "network.privateSwarm: true"] },
        { "dev-monitoring-backup", ["profile: dev", "peers: 1", "replication.max: 1", "monitoring.enabled: true", "storage.backup.enabled: true"] },
        { "prod-five-peers", ["profile: prod", "peers: 5"] },
        { "prod-node-ports", ["profile: prod", "network.exposure: nodePort", "network.nodePort.nodeAddresses: [8.8.4.5, 8.8.4.6]"] },
        { "prod-load-balancers", ["profile: prod", "network.exposure: loadBalancer", "network.loadBalancer.addresses: [1.1.1.1, 1.1.1.2, 1.1.1.3]",
            "network.loadBalancer.addressAnnotation: metallb.universe.tf/loadBalancerIPs", "network.loadBalancer.annotations: {\"x/y\": \"true\"}"] },
        { "prod-ingress", ["profile: prod", "network.ingress.enabled: true", "network.ingress.host: gw.example.org", "network.gateway.namespace: ingress-nginx",
            "network.ingress.tlsSecret: gw-tls", "network.api.clientNamespaces: [apps]", "network.api.clientPodSelector: {app: pinner}"] },
        { "prod-service-monitors", ["profile: prod", "monitoring.scrape: serviceMonitor", "cluster.trustAllPeers: true", "cluster.crdtBatchSize: 0"] },
        { "prod-scrape-annotations-aws", ["profile: prod", "monitoring.scrape: annotations", "storage.platform: aws", "storage.aws.volumeType: io2", "storage.aws.iops: 6000"] },
        { "prod-azure", ["profile: prod", "storage.platform: azure"] },
        { "prod-hyperdisk", ["profile: prod", "storage.gke.diskType: hyperdisk-balanced", "storage.gke.provisionedIops: 6000", "storage.gke.provisionedThroughput: 400", "storage.fsType: xfs"] },
        { "prod-existing-classes", ["profile: prod", "storage.platform: existing", "storage.className: premium-rwo", "storage.backup.className: standard", "storage.snapshots.enabled: false"] },
        { "prod-restore", ["profile: prod", "peers: 7", "storage.restore.snapshotSet: 20240102-000000", "storage.restore.pinsetExport: pinset-20240101-000000.json"] },
    };

    private string ProjectPath(params string[] parts) => Path.Combine([_project.FullName, .. parts]);

    private void WriteStack(string stack, string[] config)
    {
        if (config.Length == 0) return;
        File.WriteAllLines(ProjectPath($"Pulumi.{stack}.yaml"), ["config:", .. config.Select(line => $"  ipfs-infra:{line}")]);
    }

    private (int Exit, string Stdout, string Stderr) Native(params string[] args) =>
        NativeBinary.Run(_native.Path!, _project.FullName, TimeSpan.FromMinutes(1), args);

    private static (int Exit, string Stdout, string Stderr) Library(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static SortedDictionary<string, string> Files(string directory) => new(
        Directory.EnumerateFiles(directory).ToDictionary(p => Path.GetFileName(p), p => $"{(OperatingSystem.IsWindows() ? "" : File.GetUnixFileMode(p))}\n{File.ReadAllText(p)}"),
        StringComparer.Ordinal);

    [SkippableTheory]
    [MemberData(nameof(Stacks))]
    public void NativeRender_IsByteIdenticalToTheLibrarysRender(string stack, string[] config)
    {
        Skip.If(_native.Path is null, NativeBinary.MissingNotice);
        WriteStack(stack, config);

        // The native render creates the stack's material; the library's render reuses it.
        var native = Native("render", "--stack", stack, "--project", _project.FullName, "--out", ProjectPath("native"));
        var library = Library("render", "--stack", stack, "--project", _project.FullName, "--out", ProjectPath("library"));

        Assert.True(native.Exit == 0, native.Stderr);
        Assert.True(library.Exit == 0, library.Stderr);
        Assert.Equal(Files(ProjectPath("library")), Files(ProjectPath("native")));
    }

    [SkippableFact]
    public void NativeRender_ReportsABadStackFileExactlyAsTheLibraryDoes()
    {
        Skip.If(_native.Path is null, NativeBinary.MissingNotice);
        WriteStack("bad", ["profile: prod", "peers: 2", "replicaton: {min: 2}"]);

        var native = Native("render", "--stack", "bad", "--project", _project.FullName);
        var library = Library("render", "--stack", "bad", "--project", _project.FullName);

        Assert.Equal(2, native.Exit);
        Assert.Equal((library.Exit, library.Stdout, library.Stderr), (native.Exit, native.Stdout, native.Stderr));
        Assert.Contains("ipfs-infra:peers = 2", native.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(ProjectPath("out")));
    }
}
