using Ipfs.Manifests.Builders.Storage;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Rendering;

namespace Ipfs.Cli;

/// <summary>
/// <c>render --stack NAME</c>: reads Pulumi.NAME.yaml, validates it, loads (or creates once) the
/// stack's secret material, builds every object and replaces the output folder with YAML plus
/// kustomization.yaml in one atomic step. Writes nothing but the output folder, the material file
/// and their lock (<c>.material/NAME.json.lock</c>); every check runs before anything is written.
/// </summary>
internal static class RenderCommand
{
    public static int Run(string stack, string? project, string? output, TextWriter stdout)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("render needs Linux (flock, fsync of folders and renameat2 with RENAME_EXCHANGE keep its material and output safe); run it on Linux, for example in CI or a container");
        var location = StackLocation.Resolve(stack, project);
        var spec = ClusterSpecLoader.Load(StackFileReader.Read(location.StackFile));
        using var folder = OutputFolder.Open(OutputTarget.Resolve(location, output));
        var outputDirectory = folder.Path;
        // Volumes grow in place but never shrink or change class: judged against the claims of the
        // previous render in the output folder (docs/storage.md), before anything is written.
        var previous = folder.HoldsPreviousRender ? StorageState.ReadRendered(outputDirectory) : null;
        var storagePlan = StorageChanges.Verify(previous, spec, Path.GetFileName(location.StackFile));
        var (material, changes) = MaterialFile.LoadOrCreate(location.MaterialFile, spec);
        var components = ClusterManifest.Build(spec, material);
        var files = ManifestRenderer.Render(components);
        folder.Replace(files);

        foreach (var change in changes)
            stdout.WriteLine($"material: {change} in {Relative(location.MaterialFile)}");
        foreach (var line in StorageChanges.Describe(storagePlan))
            stdout.WriteLine($"storage: {line}");
        var objects = components.SelectMany(c => c.Objects).ToList();
        stdout.WriteLine($"Rendered stack '{stack}' ({spec.Profile.ToString().ToLowerInvariant()} profile, {spec.Peers} peers, namespace {spec.Namespace}): {objects.Count} objects in {files.Count} files to {Relative(outputDirectory)}");
        foreach (var kind in objects.GroupBy(o => o.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
            stdout.WriteLine($"  {kind.Key,-24}{kind.Count(),4}");
        foreach (var file in files)
            stdout.WriteLine($"  {Path.Combine(Relative(outputDirectory), file.RelativePath)}");
        return 0;
    }

    private static string Relative(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
