using Ipfs.Manifests.Rendering;
using Ipfs.Manifests.Serialization;
using k8s;
using k8s.Models;

namespace Ipfs.Manifests.Builders.Storage;

/// <summary>One volume claim as deployed: the facts that decide whether a change can happen in place.</summary>
/// <param name="Name">Claim name, e.g. data-ipfs-0.</param>
/// <param name="ClassName">StorageClass (immutable).</param>
/// <param name="Size">Requested size (grows in place, never shrinks).</param>
/// <param name="SnapshotSource">VolumeSnapshot the claim was restored from (immutable); null: none.</param>
public sealed record ClaimState(string Name, string? ClassName, string Size, string? SnapshotSource)
{
    /// <summary>The facts of a claim object.</summary>
    public static ClaimState Of(V1PersistentVolumeClaim claim) => new(
        claim.Metadata.Name,
        claim.Spec?.StorageClassName,
        claim.Spec?.Resources?.Requests is { } requests && requests.TryGetValue("storage", out var size) ? size.ToString() : "0",
        claim.Spec?.DataSource is { Kind: "VolumeSnapshot" } source ? source.Name : null);
}

/// <summary>
/// The volume claims deployed before this run: what "shrinking is refused" and "a class change is a
/// migration" are judged against. Under render it is the previous render's storage.yaml in the
/// output folder (what was applied last); a consumer of the Pulumi components who can read the
/// cluster passes the live claims through <see cref="FromObjects"/>.
/// </summary>
/// <param name="Source">Where the state came from, named in messages.</param>
/// <param name="Claims">Claims by name.</param>
public sealed record StorageState(string Source, IReadOnlyDictionary<string, ClaimState> Claims)
{
    /// <summary>Name of the storage component's rendered file.</summary>
    public const string RenderedFile = ClusterManifest.Components.Storage + ".yaml";

    /// <summary>The claims among <paramref name="objects"/> (other kinds are ignored).</summary>
    public static StorageState FromObjects(string source, IEnumerable<object> objects) => new(source,
        objects.OfType<V1PersistentVolumeClaim>().Select(ClaimState.Of).ToDictionary(c => c.Name, StringComparer.Ordinal));

    /// <summary>
    /// The claims of the previous render in <paramref name="outputDirectory"/>, or null when there is
    /// none (first render, another folder, or a storage.yaml this tool did not write).
    /// </summary>
    /// <exception cref="IOException">storage.yaml was written by render but cannot be read back.</exception>
    public static StorageState? ReadRendered(string outputDirectory)
    {
        var path = Path.Combine(outputDirectory, RenderedFile);
        if (!File.Exists(path)) return null;
        var text = File.ReadAllText(path);
        if (!text.StartsWith(ManifestRenderer.Header + "\n", StringComparison.Ordinal)) return null;
        try
        {
            return FromRendered(path, text);
        }
        catch (Exception e) when (e is not IOException)
        {
            throw new IOException($"cannot read the volume claims of the previous render {path} ({e.Message}); " +
                "it is what shrinking and class changes are checked against: restore it, or delete it to render without those checks", e);
        }
    }

    /// <summary>The claims of a rendered storage.yaml's text.</summary>
    public static StorageState FromRendered(string source, string text)
    {
        var claims = new List<V1PersistentVolumeClaim>();
        // ManifestRenderer writes the header, then "---\n" before every document.
        var body = "\n" + text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..];
        foreach (var document in body.Split("\n---\n", StringSplitOptions.RemoveEmptyEntries))
        {
            if (!document.Contains("\nkind: PersistentVolumeClaim\n", StringComparison.Ordinal) &&
                !document.StartsWith("kind: PersistentVolumeClaim\n", StringComparison.Ordinal))
                continue;
            claims.Add(ManifestYaml.Deserialize<V1PersistentVolumeClaim>(document));
        }
        return FromObjects(source, claims);
    }
}
