namespace Ipfs.Manifests.Rendering;

/// <summary>One output file: a path relative to the output folder, its text, and whether it holds secret values.</summary>
public sealed record RenderedFile(string RelativePath, string Content, bool HoldsSecrets);
