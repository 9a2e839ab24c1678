using System.Text.Json;
using System.Text.Json.Nodes;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Material;
using Ipfs.Manifests.Spec;
using Xunit;

namespace Ipfs.Manifests.Tests.Material;

public sealed class MaterialFileTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("material-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string MaterialPath => Path.Combine(_dir.FullName, ".material", "dev.json");

    private static ClusterSpec Spec(int peers = 3, int passwordGeneration = 0, bool privateSwarm = false)
    {
        var spec = ClusterSpecDefaults.For(Profile.Dev);
        return spec with
        {
            Peers = peers,
            RestApi = spec.RestApi with { PasswordGeneration = passwordGeneration },
            Network = spec.Network with { PrivateSwarm = privateSwarm },
        };
    }

    /// <summary>Checks a Unix file mode (Windows has none, so there is nothing to check there).</summary>
    private static void AssertMode(UnixFileMode expected, string path)
    {
        if (!OperatingSystem.IsWindows())
            Assert.Equal(expected, File.GetUnixFileMode(path));
    }

    private static IReadOnlyList<string> Ids(IEnumerable<Ipfs.Manifests.Identity.PeerIdentity> peers) => peers.Select(p => p.PeerId).ToList();

    // ---------------------------------------------------------------------------------------
    // Creating and reusing.
    // ---------------------------------------------------------------------------------------

    [Fact]
    public void FirstLoad_CreatesTheFileReadableByItsOwnerOnly()
    {
        var (material, changes) = MaterialFile.LoadOrCreate(MaterialPath, Spec());

        Assert.True(File.Exists(MaterialPath));
        AssertMode(OwnerReadWrite, MaterialPath);
        AssertMode(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, Path.GetDirectoryName(MaterialPath)!);
        Assert.Equal(["generated the cluster secret", "generated identities for ordinals 0..2"], changes);
        Assert.Equal(3, material.ClusterPeers.Count);
        Assert.Equal(3, material.KuboPeers.Count);
        Assert.Null(material.SwarmKeyHex);
        Assert.False(File.Exists(MaterialPath + ".tmp"));
    }

    [Fact]
    public void FirstLoad_GivesEveryPeerItsOwnIdentity()
    {
        var (material, _) = MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 5));

        var all = Ids(material.ClusterPeers).Concat(Ids(material.KuboPeers)).ToList();
        Assert.Equal(10, all.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void SecondLoad_ReturnsTheSameMaterialAndLeavesTheFileAlone()
    {
        var (first, _) = MaterialFile.LoadOrCreate(MaterialPath, Spec());
        var bytes = File.ReadAllBytes(MaterialPath);
        var written = File.GetLastWriteTimeUtc(MaterialPath);

        var (second, changes) = MaterialFile.LoadOrCreate(MaterialPath, Spec());

        Assert.Empty(changes);
        Assert.Equal(first.ClusterSecretHex, second.ClusterSecretHex);
        Assert.Equal(first.RestApiPassword, second.RestApiPassword);
        Assert.Equal(first.ClusterPeers, second.ClusterPeers);
        Assert.Equal(first.KuboPeers, second.KuboPeers);
        Assert.Equal(first.ClusterPeers.Select(p => p.PrivateKeyBase64), second.ClusterPeers.Select(p => p.PrivateKeyBase64));
        Assert.Equal(bytes, File.ReadAllBytes(MaterialPath));
        Assert.Equal(written, File.GetLastWriteTimeUtc(MaterialPath));
    }

    [Fact]
    public void RewrittenFile_StaysReadableByItsOwnerOnly()
    {
        MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 3));

        MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 4));

        AssertMode(OwnerReadWrite, MaterialPath);
    }

    [Fact]
    public void RewrittenFile_StaysOwnerOnlyEvenWhenACrashLeftAWorldReadableTemporaryFile()
    {
        MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 3));
        File.WriteAllText(MaterialPath + ".tmp", "left over from an interrupted write");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(MaterialPath + ".tmp", OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 4));

        AssertMode(OwnerReadWrite, MaterialPath);
    }

    // ---------------------------------------------------------------------------------------
    // Scaling.
    // ---------------------------------------------------------------------------------------

    [Fact]
    public void ScalingUp_KeepsExistingIdentitiesAndAddsNewOnes()
    {
        var (three, _) = MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 3));

        var (five, changes) = MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 5));

        Assert.Equal(["added identities for ordinals 3..4"], changes);
        Assert.Equal(Ids(three.ClusterPeers), Ids(five.ClusterPeers).Take(3));
        Assert.Equal(Ids(three.KuboPeers), Ids(five.KuboPeers).Take(3));
        Assert.Equal(5, five.ClusterPeers.Count);
        Assert.Equal(5, five.KuboPeers.Count);
        Assert.Equal(three.ClusterSecretHex, five.ClusterSecretHex);
        Assert.Equal(three.RestApiPassword, five.RestApiPassword);
        AssertMode(OwnerReadWrite, MaterialPath);
    }

    [Fact]
    public void ScalingDown_ServesTheLowestOrdinalsAndLeavesTheFileAlone()
    {
        var (five, _) = MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 5));
        var bytes = File.ReadAllBytes(MaterialPath);

        var (three, changes) = MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 3));

        Assert.Empty(changes);
        Assert.Equal(Ids(five.ClusterPeers).Take(3), Ids(three.ClusterPeers));
        Assert.Equal(Ids(five.KuboPeers).Take(3), Ids(three.KuboPeers));
        Assert.Equal(bytes, File.ReadAllBytes(MaterialPath));
    }

    [Fact]
    public void ScalingDownAndUpAgain_RestoresTheSameIdentities()
    {
        var (before, _) = MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 5));
        MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 3));

        var (after, changes) = MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 5));

        Assert.Empty(changes);
        Assert.Equal(Ids(before.ClusterPeers), Ids(after.ClusterPeers));
        Assert.Equal(Ids(before.KuboPeers), Ids(after.KuboPeers));
    }

    // ---------------------------------------------------------------------------------------
    // Password rotation and the swarm key.
    // ---------------------------------------------------------------------------------------

    [Fact]
    public void RaisingPasswordGeneration_RotatesOnlyThePassword()
    {
        var (before, _) = MaterialFile.LoadOrCreate(MaterialPath, Spec());

        var (after, changes) = MaterialFile.LoadOrCreate(MaterialPath, Spec(passwordGeneration: 1));

        Assert.Equal(["rotated the REST API password (generation 1)"], changes);
        Assert.NotEqual(before.RestApiPassword, after.RestApiPassword);
        Assert.Equal(before.ClusterSecretHex, after.ClusterSecretHex);
        Assert.Equal(Ids(before.ClusterPeers), Ids(after.ClusterPeers));
        Assert.Equal(Ids(before.KuboPeers), Ids(after.KuboPeers));
    }

    [Fact]
    public void RotatedPassword_IsKeptAtTheSameGeneration()
    {
        MaterialFile.LoadOrCreate(MaterialPath, Spec());
        var (rotated, _) = MaterialFile.LoadOrCreate(MaterialPath, Spec(passwordGeneration: 1));

        var (again, changes) = MaterialFile.LoadOrCreate(MaterialPath, Spec(passwordGeneration: 1));

        Assert.Empty(changes);
        Assert.Equal(rotated.RestApiPassword, again.RestApiPassword);
    }

    [Fact]
    public void LoweringPasswordGeneration_IsRefusedAndChangesNothing()
    {
        var (material, _) = MaterialFile.LoadOrCreate(MaterialPath, Spec(passwordGeneration: 2));
        var bytes = File.ReadAllBytes(MaterialPath);

        var error = Assert.Throws<ConfigValidationException>(() => MaterialFile.LoadOrCreate(MaterialPath, Spec(passwordGeneration: 1)));

        Assert.Contains("dev.json", error.Message);
        Assert.Contains("ipfs-infra:restApi.passwordGeneration", error.Message);
        Assert.DoesNotContain(material.RestApiPassword, error.Message);
        Assert.Equal(bytes, File.ReadAllBytes(MaterialPath));
    }

    [Fact]
    public void PrivateSwarm_AddsASwarmKeyOnceAndKeepsIt()
    {
        var (publicSwarm, _) = MaterialFile.LoadOrCreate(MaterialPath, Spec());

        var (first, changes) = MaterialFile.LoadOrCreate(MaterialPath, Spec(privateSwarm: true));
        var (second, changesAgain) = MaterialFile.LoadOrCreate(MaterialPath, Spec(privateSwarm: true));

        Assert.Null(publicSwarm.SwarmKeyHex);
        Assert.Equal(["generated the private swarm key"], changes);
        Assert.Matches("^[0-9a-f]{64}$", first.SwarmKeyHex);
        Assert.Empty(changesAgain);
        Assert.Equal(first.SwarmKeyHex, second.SwarmKeyHex);
        Assert.Equal(publicSwarm.ClusterSecretHex, second.ClusterSecretHex);
        Assert.Equal(Ids(publicSwarm.ClusterPeers), Ids(second.ClusterPeers));
    }

    [Fact]
    public void PrivateSwarmOffAndOnAgain_RestoresTheSameSwarmKey()
    {
        var (before, _) = MaterialFile.LoadOrCreate(MaterialPath, Spec(privateSwarm: true));

        var (off, offChanges) = MaterialFile.LoadOrCreate(MaterialPath, Spec(privateSwarm: false));
        var (on, onChanges) = MaterialFile.LoadOrCreate(MaterialPath, Spec(privateSwarm: true));

        Assert.Null(off.SwarmKeyHex);
        Assert.Empty(offChanges);
        Assert.Empty(onChanges);
        Assert.Equal(before.SwarmKeyHex, on.SwarmKeyHex);
    }

    // ---------------------------------------------------------------------------------------
    // Corrupt files: an error naming file and field, never regenerated, never leaking secrets.
    // ---------------------------------------------------------------------------------------

    public static TheoryData<string, string> CorruptFiles => new()
    {
        { "not JSON", "(file)" },
        { "truncated JSON", "(file)" },
        { "a JSON list", "(file)" },
        { "wrong format number", "format" },
        { "bad hex seed", "clusterPeerSeeds[1]" },
        { "upper-case cluster secret", "clusterSecret" },
        { "unknown field", "comment" },
        { "missing REST API password", "restApi" },
        { "swarm key too short", "swarmKey" },
        { "seeds not a list", "kuboPeerSeeds" },
    };

    private static string Corrupt(string corruption, string valid)
    {
        var root = JsonNode.Parse(valid)!.AsObject();
        switch (corruption)
        {
            case "not JSON": return "this is not material\n";
            case "truncated JSON": return valid[..(valid.Length / 2)];
            case "a JSON list": return "[]\n";
            case "wrong format number": root["format"] = 2; break;
            case "bad hex seed": root["clusterPeerSeeds"]![1] = new string('z', 64); break;
            case "upper-case cluster secret": root["clusterSecret"] = root["clusterSecret"]!.GetValue<string>().ToUpperInvariant(); break;
            case "unknown field": root["comment"] = "restored by hand"; break;
            case "missing REST API password": root["restApi"]!.AsObject().Remove("password"); break;
            case "swarm key too short": root["swarmKey"] = root["swarmKey"]!.GetValue<string>()[..32]; break;
            case "seeds not a list": root["kuboPeerSeeds"] = "none"; break;
            default: throw new ArgumentOutOfRangeException(nameof(corruption), corruption, null);
        }
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Every secret value the valid file holds, and its upper-case and half forms as they could leak.</summary>
    private static IEnumerable<string> SecretsOf(string valid)
    {
        var root = JsonNode.Parse(valid)!.AsObject();
        var secrets = new List<string>
        {
            root["clusterSecret"]!.GetValue<string>(),
            root["restApi"]!["password"]!.GetValue<string>(),
            root["swarmKey"]!.GetValue<string>(),
        };
        secrets.AddRange(root["clusterPeerSeeds"]!.AsArray().Select(s => s!.GetValue<string>()));
        secrets.AddRange(root["kuboPeerSeeds"]!.AsArray().Select(s => s!.GetValue<string>()));
        return secrets.SelectMany(s => new[] { s, s.ToUpperInvariant(), s[..(s.Length / 2)] });
    }

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void CorruptFile_IsAnErrorNamingFileAndField(string corruption, string field)
    {
        MaterialFile.LoadOrCreate(MaterialPath, Spec(privateSwarm: true));
        File.WriteAllText(MaterialPath, Corrupt(corruption, File.ReadAllText(MaterialPath)));

        var error = Assert.Throws<ConfigValidationException>(() => MaterialFile.LoadOrCreate(MaterialPath, Spec(privateSwarm: true)));

        Assert.Contains(error.Problems, p => p.Source == "dev.json" && p.Key == field);
        Assert.Contains($"dev.json: {field}", error.Message);
    }

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void CorruptFile_IsNeverRegenerated(string corruption, string field)
    {
        MaterialFile.LoadOrCreate(MaterialPath, Spec(privateSwarm: true));
        File.WriteAllText(MaterialPath, Corrupt(corruption, File.ReadAllText(MaterialPath)));
        var bytes = File.ReadAllBytes(MaterialPath);

        Assert.Throws<ConfigValidationException>(() => MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 5, passwordGeneration: 1, privateSwarm: true)));

        Assert.Equal(bytes, File.ReadAllBytes(MaterialPath));
        Assert.False(File.Exists(MaterialPath + ".tmp"), $"{corruption} ({field}) left a temporary file");
    }

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void CorruptFile_ErrorNeverShowsASecretValue(string corruption, string field)
    {
        MaterialFile.LoadOrCreate(MaterialPath, Spec(privateSwarm: true));
        var valid = File.ReadAllText(MaterialPath);
        File.WriteAllText(MaterialPath, Corrupt(corruption, valid));

        var error = Assert.Throws<ConfigValidationException>(() => MaterialFile.LoadOrCreate(MaterialPath, Spec(privateSwarm: true)));

        foreach (var secret in SecretsOf(valid))
            Assert.False(error.Message.Contains(secret, StringComparison.Ordinal), $"{corruption} ({field}): the message shows a secret value:\n{error.Message}");
    }

    [Fact]
    public void Material_ToStringHidesEverySecret()
    {
        var (material, _) = MaterialFile.LoadOrCreate(MaterialPath, Spec(privateSwarm: true));

        var text = material.ToString();

        Assert.DoesNotContain(material.ClusterSecretHex, text);
        Assert.DoesNotContain(material.RestApiPassword, text);
        Assert.DoesNotContain(material.SwarmKeyHex!, text);
    }
}
