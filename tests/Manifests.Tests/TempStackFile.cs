using Ipfs.Manifests.Config;
using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Tests;

/// <summary>A stack file in a folder of its own, loaded the way render loads Pulumi.&lt;stack&gt;.yaml.</summary>
internal sealed class TempStackFile(string fileName = "Pulumi.test.yaml") : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("stack-file-");

    /// <summary>Writes <paramref name="yaml"/> as the stack file and returns its path.</summary>
    public string Write(string yaml)
    {
        var path = Path.Combine(_directory.FullName, fileName);
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>Writes <paramref name="yaml"/> and loads it into a validated spec.</summary>
    public ClusterSpec Load(string yaml) => ClusterSpecLoader.Load(StackFileReader.Read(Write(yaml)));

    public void Dispose() => _directory.Delete(recursive: true);
}
