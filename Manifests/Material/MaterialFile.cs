using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Files;
using Ipfs.Manifests.Identity;
using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Material;

/// <summary>
/// The secret material of a rendered stack, kept in a local file readable only by its owner (0600).
/// Generated on first use and reused ever after, so re-rendering never rotates a secret or an
/// identity. Every peer identity is derived from the file's one identity seed
/// (<see cref="IdentityDerivation"/>), so scaling changes nothing in the file: scaling up derives
/// the new ordinals' identities, scaling back up after scaling down derives the same ones again.
/// A file that cannot be read exactly is an error, never a reason to generate new material.
/// Concurrent renders of a project are serialised by an flock on the material folder: exactly one
/// creates (or rewrites) the file, through a temporary file of its own created exclusively and
/// fsynced, an atomic rename and an fsync of the folder, before any render uses it. The file's
/// permissions, links and folder are checked by <see cref="MaterialLocation"/> before anything is
/// generated. Linux only.
/// </summary>
/// <remarks>
/// Format 2: <c>format</c>, <c>clusterSecret</c>, <c>restApi {generation, password}</c>,
/// <c>swarmKey</c> (only once a private swarm asked for it) and <c>identitySeed</c>, every key and
/// seed 64 lower-case hex characters. A format-1 file (one seed per ordinal) is refused, never
/// converted: converting it would rotate every identity.
/// </remarks>
public static class MaterialFile
{
    private const int Format = 2;
    private const int OlderFormat = 1;
    private static readonly string[] Properties = ["format", "clusterSecret", "restApi", "swarmKey", "identitySeed"];

    /// <summary>Loads the material at <paramref name="path"/>, creating or completing it for <paramref name="spec"/>.</summary>
    /// <returns>The material for exactly <c>spec.Peers</c> peers and what changed in the file (empty when nothing did).</returns>
    /// <exception cref="ConfigValidationException">The file is not exactly readable format-2 material, or
    /// <c>restApi.passwordGeneration</c> is below the file's generation. The file is left untouched.</exception>
    /// <exception cref="IOException">The file or its folder is in an unsafe or unreadable state (named in the message); nothing was generated.</exception>
    public static (SecretMaterial Material, IReadOnlyList<string> Changes) LoadOrCreate(string path, ClusterSpec spec)
    {
        if (!OperatingSystem.IsLinux()) throw LinuxOnly.Refusal("Keeping the material file safe");
        var full = Path.GetFullPath(path);
        MaterialLocation.PrepareFolder(full);
        using var held = FileLock.Acquire(Path.GetDirectoryName(full)!, $"the material {full}", directory: true);
        var target = MaterialLocation.ExistingTarget(full);
        MaterialLocation.RemoveTemporaryFiles(target ?? full);
        return LoadOrCreateLocked(target ?? full, target is not null, spec);
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static (SecretMaterial Material, IReadOnlyList<string> Changes) LoadOrCreateLocked(string path, bool exists, ClusterSpec spec)
    {
        var changes = new List<string>();
        var state = exists ? Read(path) : null;
        if (state is null)
        {
            state = new State(Hex(32), 0, null, Hex(IdentityDerivation.IdentitySeedLength));
            changes.Add("generated the cluster secret and identity seed");
        }

        if (spec.RestApi.PasswordGeneration < state.PasswordGeneration)
            throw new ConfigValidationException([new ConfigProblem(Path.GetFileName(path), "restApi.generation", state.PasswordGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"is ahead of {StackConfig.KeyOf("restApi.passwordGeneration")} ({spec.RestApi.PasswordGeneration}); lowering it cannot bring an old password back: set the key to {state.PasswordGeneration}")]);
        if (state.Password is null || spec.RestApi.PasswordGeneration > state.PasswordGeneration)
        {
            if (state.Password is not null) changes.Add($"rotated the REST API password (generation {spec.RestApi.PasswordGeneration})");
            state = state with { Password = Password(), PasswordGeneration = spec.RestApi.PasswordGeneration };
        }
        if (spec.Network.PrivateSwarm && state.SwarmKey is null)
        {
            state = state with { SwarmKey = Hex(32) };
            changes.Add("generated the private swarm key");
        }

        if (changes.Count > 0) Write(path, state);

        var (clusterPeers, kuboPeers) = IdentityDerivation.ForPeers(state.IdentitySeed, spec.Peers);
        var material = new SecretMaterial(
            state.ClusterSecret,
            state.Password!,
            spec.Network.PrivateSwarm ? state.SwarmKey : null,
            clusterPeers,
            kuboPeers);
        return (material, changes);
    }

    private sealed record State(string ClusterSecret, int PasswordGeneration, string? Password, string IdentitySeed)
    {
        public string? SwarmKey { get; init; }
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static State Read(string path)
    {
        var source = Path.GetFileName(path);
        var problems = new List<ConfigProblem>();
        void Bad(string key, string? value, string message) => problems.Add(new ConfigProblem(source, key, value, message));

        JsonObject root;
        try
        {
            root = JsonNode.Parse(MaterialLocation.ReadOwnerOnly(path), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                   ?? throw new JsonException("the document is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new ConfigValidationException([new ConfigProblem(source, "(file)", null,
                $"is not readable material ({e.Message}); it is never regenerated silently: restore it from backup, or delete it on purpose to create a new cluster identity")]);
        }

        // An older layout is named as such, alone: its per-ordinal seed lists would otherwise show up
        // as a list of unknown and missing fields that suggests editing the file into shape.
        if (Int(root["format"]) == OlderFormat)
            throw new ConfigValidationException([new ConfigProblem(source, "format", OlderFormat.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"is an older material layout (one seed per ordinal) that this version does not read; it reads format {Format} (one identity seed per cluster). " +
                "The file is never converted or regenerated silently, since either would give every peer a new identity: " +
                "delete it on purpose only to create a new cluster identity")]);

        foreach (var (key, _) in root)
            if (!Properties.Contains(key)) Bad(key, null, "is not a known material field");
        if (Int(root["format"]) != Format) Bad("format", root["format"]?.ToJsonString(), $"must be {Format}");

        var secret = Str(root["clusterSecret"]);
        if (secret is null || !SecretMaterial.IsHex32(secret)) Bad("clusterSecret", Redact(secret), "must be 64 lower-case hex characters");

        var restApi = root["restApi"] as JsonObject;
        var generation = Int(restApi?["generation"]);
        var password = Str(restApi?["password"]);
        if (restApi is null || generation is null or < 0 || string.IsNullOrEmpty(password))
            Bad("restApi", null, "must be {\"generation\": <int >= 0>, \"password\": <non-empty string>}");

        var swarmKey = Str(root["swarmKey"]);
        if (root["swarmKey"] is not null && (swarmKey is null || !SecretMaterial.IsHex32(swarmKey)))
            Bad("swarmKey", Redact(swarmKey), "must be 64 lower-case hex characters");

        var identitySeed = Str(root["identitySeed"]);
        if (identitySeed is null || !SecretMaterial.IsHex32(identitySeed))
            Bad("identitySeed", Redact(identitySeed), "must be 64 lower-case hex characters (the seed every peer identity is derived from)");

        if (problems.Count > 0)
            throw new ConfigValidationException(problems);
        return new State(secret!, generation!.Value, password, identitySeed!) { SwarmKey = swarmKey };
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static void Write(string path, State state)
    {
        var root = new JsonObject
        {
            ["format"] = Format,
            ["clusterSecret"] = state.ClusterSecret,
            ["restApi"] = new JsonObject { ["generation"] = state.PasswordGeneration, ["password"] = state.Password },
        };
        if (state.SwarmKey is not null) root["swarmKey"] = state.SwarmKey;
        root["identitySeed"] = state.IdentitySeed;

        var temp = DurableFile.TemporarySibling(path, MaterialLocation.TemporarySuffix);
        try
        {
            DurableFile.CreateNew(temp, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", ownerOnly: true);
            File.Move(temp, path, overwrite: true);
            Posix.SyncDirectory(Path.GetDirectoryName(path)!);
        }
        catch
        {
            MaterialLocation.TryDelete(temp); // the secrets of a write that failed; what stays goes at the next run
            throw;
        }
    }

    private static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private static string Password() =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    private static string? Redact(string? value) => value is null ? null : $"<{value.Length} characters>";
}
