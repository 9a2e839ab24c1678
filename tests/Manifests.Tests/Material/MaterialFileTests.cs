using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Identity;
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

    /// <summary>Writes a material file as a careful operator restores one: readable by its owner only.</summary>
    private void WriteOwnerOnly(string text)
    {
        File.WriteAllText(MaterialPath, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(MaterialPath, OwnerReadWrite);
    }

    private static IReadOnlyList<string> Ids(IEnumerable<PeerIdentity> peers) => peers.Select(p => p.PeerId).ToList();

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
        Assert.Equal(["generated the cluster secret and identity seed"], changes);
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
    public void FirstLoad_WritesFormat2WithOneIdentitySeedAndNoPerOrdinalSeeds()
    {
        MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 5, privateSwarm: true));

        var root = JsonNode.Parse(File.ReadAllText(MaterialPath))!.AsObject();
        Assert.Equal(["format", "clusterSecret", "restApi", "swarmKey", "identitySeed"], root.Select(p => p.Key));
        Assert.Equal(2, root["format"]!.GetValue<int>());
        Assert.Matches("^[0-9a-f]{64}$", root["identitySeed"]!.GetValue<string>());
        Assert.NotEqual(root["clusterSecret"]!.GetValue<string>(), root["identitySeed"]!.GetValue<string>());
    }

    [Fact]
    public void Identities_AreDerivedFromTheIdentitySeed()
    {
        var (material, _) = MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 4));

        var seed = Convert.FromHexString(JsonNode.Parse(File.ReadAllText(MaterialPath))!["identitySeed"]!.GetValue<string>());
        Assert.Equal(Enumerable.Range(0, 4).Select(i => IdentityDerivation.ClusterPeer(seed, i)), material.ClusterPeers);
        Assert.Equal(Enumerable.Range(0, 4).Select(i => IdentityDerivation.KuboPeer(seed, i)), material.KuboPeers);
    }

    [Fact]
    public void AFixedIdentitySeed_GivesTheKnownPeerIds()
    {
        MaterialFile.LoadOrCreate(MaterialPath, Spec());
        var root = JsonNode.Parse(File.ReadAllText(MaterialPath))!.AsObject();
        root["identitySeed"] = Convert.ToHexStringLower(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        File.WriteAllText(MaterialPath, root.ToJsonString());

        var (material, changes) = MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 2));

        Assert.Empty(changes);
        // The known answers of IdentityDerivationTests, computed outside this code base.
        Assert.Equal(["12D3KooWRmY7wEc59Ku3VJUy75MzQsc7paqHyh7MmWUER2jGu1JS", "12D3KooWAN5rbpHMshb7BJK13WpVsydVTbvPbc6fgbmZxr32akeN"], Ids(material.ClusterPeers));
        Assert.Equal(["12D3KooWPJgg5X2uRBvhGpgBVK74GQ5UvAqEvJnsJ6RRzL3MXhDY", "12D3KooWDttEuL1Ku96mwYqps6c9Teo2jkDwrMffDYdUknnYoivi"], Ids(material.KuboPeers));
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
        MaterialFile.LoadOrCreate(MaterialPath, Spec());

        MaterialFile.LoadOrCreate(MaterialPath, Spec(passwordGeneration: 1));

        AssertMode(OwnerReadWrite, MaterialPath);
    }

    [Fact]
    public void RewrittenFile_StaysOwnerOnlyEvenWhenACrashLeftAWorldReadableTemporaryFile()
    {
        MaterialFile.LoadOrCreate(MaterialPath, Spec());
        File.WriteAllText(MaterialPath + ".tmp", "left over from an interrupted write");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(MaterialPath + ".tmp", OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        MaterialFile.LoadOrCreate(MaterialPath, Spec(passwordGeneration: 1));

        AssertMode(OwnerReadWrite, MaterialPath);
        Assert.False(File.Exists(MaterialPath + ".tmp"));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Load_WaitsWhileAnotherRenderHoldsTheMaterialLock()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(MaterialPath)!);
        var held = Ipfs.Manifests.Files.FileLock.Acquire(Path.GetDirectoryName(MaterialPath)!, "the test", directory: true);

        var load = Task.Run(() => MaterialFile.LoadOrCreate(MaterialPath, Spec()));

        await Task.Delay(500);
        Assert.False(load.IsCompleted, "LoadOrCreate did not wait for the lock");
        Assert.False(File.Exists(MaterialPath));
        held.Dispose();
        await load.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(File.Exists(MaterialPath));
    }

    [Fact]
    public async Task ConcurrentFirstLoads_AllReturnTheOneMaterialWritten()
    {
        var loads = Enumerable.Range(0, 8).Select(_ => Task.Run(() => MaterialFile.LoadOrCreate(MaterialPath, Spec()))).ToArray();
        var results = await Task.WhenAll(loads);

        var written = MaterialFile.LoadOrCreate(MaterialPath, Spec()).Material;
        Assert.Single(results, r => r.Changes.Count > 0);
        Assert.All(results, r => Assert.Equal(written.ClusterSecretHex, r.Material.ClusterSecretHex));
        Assert.All(results, r => Assert.Equal(written.RestApiPassword, r.Material.RestApiPassword));
        Assert.All(results, r => Assert.Equal(written.ClusterPeers, r.Material.ClusterPeers));
    }

    // ---------------------------------------------------------------------------------------
    // Scaling.
    // ---------------------------------------------------------------------------------------

    [Fact]
    public void ScalingUp_KeepsExistingIdentitiesDerivesNewOnesAndLeavesTheFileAlone()
    {
        var (three, _) = MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 3));
        var bytes = File.ReadAllBytes(MaterialPath);

        var (five, changes) = MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 5));

        Assert.Empty(changes);
        Assert.Equal(bytes, File.ReadAllBytes(MaterialPath));
        Assert.Equal(Ids(three.ClusterPeers), Ids(five.ClusterPeers).Take(3));
        Assert.Equal(Ids(three.KuboPeers), Ids(five.KuboPeers).Take(3));
        Assert.Equal(5, five.ClusterPeers.Count);
        Assert.Equal(5, five.KuboPeers.Count);
        Assert.Equal(10, Ids(five.ClusterPeers).Concat(Ids(five.KuboPeers)).Distinct(StringComparer.Ordinal).Count());
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
        var bytes = File.ReadAllBytes(MaterialPath);
        MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 3));

        var (after, changes) = MaterialFile.LoadOrCreate(MaterialPath, Spec(peers: 5));

        Assert.Empty(changes);
        Assert.Equal(bytes, File.ReadAllBytes(MaterialPath));
        Assert.Equal(before.ClusterPeers.Select(p => p.PrivateKeyBase64), after.ClusterPeers.Select(p => p.PrivateKeyBase64));
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
        { "newer format number", "format" },
        { "format missing", "format" },
        { "identity seed not hex", "identitySeed" },
        { "upper-case identity seed", "identitySeed" },
        { "identity seed too short", "identitySeed" },
        { "identity seed missing", "identitySeed" },
        { "identity seed a list", "identitySeed" },
        { "upper-case cluster secret", "clusterSecret" },
        { "unknown field", "comment" },
        { "missing REST API password", "restApi" },
        { "swarm key too short", "swarmKey" },
        { "old per-ordinal seed list", "clusterPeerSeeds" },
    };

    private static string Corrupt(string corruption, string valid)
    {
        var root = JsonNode.Parse(valid)!.AsObject();
        switch (corruption)
        {
            case "not JSON": return "this is not material\n";
            case "truncated JSON": return valid[..(valid.Length / 2)];
            case "a JSON list": return "[]\n";
            case "newer format number": root["format"] = 3; break;
            case "format missing": root.Remove("format"); break;
            case "identity seed not hex": root["identitySeed"] = root["identitySeed"]!.GetValue<string>()[..63] + "z"; break;
            case "upper-case identity seed": root["identitySeed"] = root["identitySeed"]!.GetValue<string>().ToUpperInvariant(); break;
            case "identity seed too short": root["identitySeed"] = root["identitySeed"]!.GetValue<string>()[..62]; break;
            case "identity seed missing": root.Remove("identitySeed"); break;
            case "identity seed a list": root["identitySeed"] = new JsonArray(root["identitySeed"]!.GetValue<string>()); break;
            case "upper-case cluster secret": root["clusterSecret"] = root["clusterSecret"]!.GetValue<string>().ToUpperInvariant(); break;
            case "unknown field": root["comment"] = "restored by hand"; break;
            case "missing REST API password": root["restApi"]!.AsObject().Remove("password"); break;
            case "swarm key too short": root["swarmKey"] = root["swarmKey"]!.GetValue<string>()[..32]; break;
            case "old per-ordinal seed list": root["clusterPeerSeeds"] = new JsonArray(root["identitySeed"]!.GetValue<string>()); break;
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
            root["identitySeed"]!.GetValue<string>(),
        };
        var (cluster, kubo) = IdentityDerivation.ForPeers(root["identitySeed"]!.GetValue<string>(), 3);
        secrets.AddRange(cluster.Concat(kubo).Select(p => p.PrivateKeyBase64));
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

    // ---------------------------------------------------------------------------------------
    // The older layout (format 1, one seed per ordinal): refused, never converted or regenerated.
    // ---------------------------------------------------------------------------------------

    private static readonly string[] OldSeeds = Enumerable.Range(0, 6).Select(i => Convert.ToHexStringLower(SHA256.HashData([(byte)i]))).ToArray();

    private static string FormatOneFile() => new JsonObject
    {
        ["format"] = 1,
        ["clusterSecret"] = Convert.ToHexStringLower(SHA256.HashData("cluster secret"u8)),
        ["restApi"] = new JsonObject { ["generation"] = 0, ["password"] = "formatOnePasswordValue0123456789" },
        ["clusterPeerSeeds"] = new JsonArray(OldSeeds[..3].Select(x => (JsonNode?)x).ToArray()),
        ["kuboPeerSeeds"] = new JsonArray(OldSeeds[3..].Select(x => (JsonNode?)x).ToArray()),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    [Fact]
    public void FormatOneFile_IsRefusedAsAnOlderLayoutNamingFileAndField()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(MaterialPath)!);
        WriteOwnerOnly(FormatOneFile());

        var error = Assert.Throws<ConfigValidationException>(() => MaterialFile.LoadOrCreate(MaterialPath, Spec()));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("dev.json", problem.Source);
        Assert.Equal("format", problem.Key);
        Assert.Contains("dev.json: format = 1: is an older material layout", error.Message);
        Assert.Contains("this version does not read", error.Message);
        Assert.Contains("never converted or regenerated", error.Message);
    }

    [Theory]
    [InlineData(3, 0, false)]
    [InlineData(5, 0, false)]
    [InlineData(3, 1, true)]
    public void FormatOneFile_IsNeverConvertedOrRegenerated(int peers, int passwordGeneration, bool privateSwarm)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(MaterialPath)!);
        var text = FormatOneFile();
        WriteOwnerOnly(text);
        var bytes = File.ReadAllBytes(MaterialPath);

        Assert.Throws<ConfigValidationException>(() => MaterialFile.LoadOrCreate(MaterialPath, Spec(peers, passwordGeneration, privateSwarm)));
        Assert.Throws<ConfigValidationException>(() => MaterialFile.LoadOrCreate(MaterialPath, Spec(peers, passwordGeneration, privateSwarm)));

        Assert.Equal(bytes, File.ReadAllBytes(MaterialPath));
        Assert.False(File.Exists(MaterialPath + ".tmp"));
    }

    [Fact]
    public void FormatOneFile_ErrorNeverShowsASecretValue()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(MaterialPath)!);
        var text = FormatOneFile();
        WriteOwnerOnly(text);

        var error = Assert.Throws<ConfigValidationException>(() => MaterialFile.LoadOrCreate(MaterialPath, Spec()));

        var root = JsonNode.Parse(text)!;
        var secrets = OldSeeds.Append(root["clusterSecret"]!.GetValue<string>()).Append(root["restApi"]!["password"]!.GetValue<string>());
        foreach (var secret in secrets)
            Assert.DoesNotContain(secret[..(secret.Length / 2)], error.Message, StringComparison.OrdinalIgnoreCase);
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
