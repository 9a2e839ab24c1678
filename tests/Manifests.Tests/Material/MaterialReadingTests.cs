using Ipfs.Manifests.Config;
using Ipfs.Manifests.Material;
using Xunit;

namespace Ipfs.Manifests.Tests.Material;

/// <summary>A material file that is not exactly readable JSON is a config problem that quotes none of it.</summary>
public sealed class MaterialReadingTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("material-reading-");

    public void Dispose() => _dir.Delete(recursive: true);

    private const string Secret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static TheoryData<string, string, string> Unreadable => new()
    {
        { "a key written twice", $"{{\"format\": 2, \"clusterSecret\": \"{Secret}\", \"clusterSecret\": \"{Secret}\"}}", "(the key clusterSecret is written twice)" },
        { "a nested key written twice", $"{{\"format\": 2, \"restApi\": {{\"generation\": 0, \"password\": \"{Secret}\", \"password\": \"x\"}}}}", "(the key password is written twice)" },
        { "a bad literal before a secret", $"{{\"format\": n,\n  \"clusterSecret\": \"{Secret}\"}}", "(invalid JSON at line 1, byte 13)" },
        { "a truncated secret", $"{{\"format\": 2, \"clusterSecret\": \"{Secret}", "(invalid JSON at line 1, byte " },
        { "a key with a lone surrogate", $"{{\"format\": 2, \"\\ud800\": \"{Secret}\", \"\\ud800\": 1}}", "(a key is not valid text)" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void UnreadableMaterial_IsAProblemWithoutTheFilesText(string because, string json, string expected)
    {
        var path = Path.Combine(_dir.FullName, "dev.json");
        File.WriteAllText(path, json);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var error = Assert.Throws<ConfigValidationException>(() => MaterialFile.LoadOrCreate(path, ClusterSpecDefaults.For(Profile.Dev)));

        Assert.True(error.Message.Contains($"dev.json: (file): is not readable material {expected}", StringComparison.Ordinal), $"{because}:\n{error.Message}");
        Assert.False(error.Message.Contains(Secret[..16], StringComparison.Ordinal), $"{because}: the file's text is quoted:\n{error.Message}");
        Assert.Equal(json, File.ReadAllText(path));
    }
}
