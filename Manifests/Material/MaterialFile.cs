using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Identity;
using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Material;

/// <summary>
/// The secret material of a rendered stack, kept in a local file readable only by its owner (0600).
/// Generated on first use and reused ever after, so re-rendering never rotates a secret or an
/// identity. Scaling up adds seeds for new ordinals; scaling down keeps the seeds of removed
/// ordinals so scaling back up restores the same peers. A file that cannot be read exactly is an
/// error, never a reason to generate new material.
/// </summary>
public static class MaterialFile
{
    private const int Format = 1;
    private static readonly string[] Properties = ["format", "clusterSecret", "restApi", "swarmKey", "clusterPeerSeeds", "kuboPeerSeeds"];

    /// <summary>Loads the material at <paramref name="path"/>, creating or extending it for <paramref name="spec"/>.</summary>
    /// <returns>The material for exactly <c>spec.Peers</c> peers and what changed in the file (empty when nothing did).</returns>
    public static (SecretMaterial Material, IReadOnlyList<string> Changes) LoadOrCreate(string path, ClusterSpec spec)
    {
        var changes = new List<string>();
        var state = File.Exists(path) ? Read(path) : null;
        if (state is null)
        {
            state = new State(Hex(32), 0, null, [], []);
            changes.Add("generated the cluster secret");
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
        if (state.ClusterSeeds.Count < spec.Peers || state.KuboSeeds.Count < spec.Peers)
        {
            var from = Math.Min(state.ClusterSeeds.Count, state.KuboSeeds.Count);
            state = state with
            {
                ClusterSeeds = [.. state.ClusterSeeds, .. Enumerable.Range(0, Math.Max(0, spec.Peers - state.ClusterSeeds.Count)).Select(_ => Hex(32))],
                KuboSeeds = [.. state.KuboSeeds, .. Enumerable.Range(0, Math.Max(0, spec.Peers - state.KuboSeeds.Count)).Select(_ => Hex(32))],
            };
            changes.Add(from == 0 ? $"generated identities for ordinals 0..{spec.Peers - 1}" : $"added identities for ordinals {from}..{spec.Peers - 1}");
        }

        if (changes.Count > 0) Write(path, state);

        var material = new SecretMaterial(
            state.ClusterSecret,
            state.Password!,
            spec.Network.PrivateSwarm ? state.SwarmKey : null,
            state.ClusterSeeds.Take(spec.Peers).Select(s => PeerIdentity.FromSeed(Convert.FromHexString(s))).ToList(),
            state.KuboSeeds.Take(spec.Peers).Select(s => PeerIdentity.FromSeed(Convert.FromHexString(s))).ToList());
        return (material, changes);
    }

    private sealed record State(string ClusterSecret, int PasswordGeneration, string? Password, List<string> ClusterSeeds, List<string> KuboSeeds)
    {
        public string? SwarmKey { get; init; }
    }

    private static State Read(string path)
    {
        var source = Path.GetFileName(path);
        var problems = new List<ConfigProblem>();
        void Bad(string key, string? value, string message) => problems.Add(new ConfigProblem(source, key, value, message));

        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                   ?? throw new JsonException("the document is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new ConfigValidationException([new ConfigProblem(source, "(file)", null,
                $"is not readable material ({e.Message}); it is never regenerated silently: restore it from backup, or delete it on purpose to create a new cluster identity")]);
        }

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

        var clusterSeeds = Seeds(root, "clusterPeerSeeds", Bad);
        var kuboSeeds = Seeds(root, "kuboPeerSeeds", Bad);

        if (problems.Count > 0)
            throw new ConfigValidationException(problems);
        return new State(secret!, generation!.Value, password, clusterSeeds, kuboSeeds) { SwarmKey = swarmKey };
    }

    private static List<string> Seeds(JsonObject root, string key, Action<string, string?, string> bad)
    {
        if (root[key] is not JsonArray array)
        {
            bad(key, null, "must be a list of 64-hex-character seeds, one per ordinal");
            return [];
        }
        var seeds = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var seed = Str(array[i]);
            if (seed is null || !SecretMaterial.IsHex32(seed)) bad($"{key}[{i}]", Redact(seed), "must be 64 lower-case hex characters");
            else seeds.Add(seed);
        }
        return seeds;
    }

    private static void Write(string path, State state)
    {
        var root = new JsonObject
        {
            ["format"] = Format,
            ["clusterSecret"] = state.ClusterSecret,
            ["restApi"] = new JsonObject { ["generation"] = state.PasswordGeneration, ["password"] = state.Password },
        };
        if (state.SwarmKey is not null) root["swarmKey"] = state.SwarmKey;
        root["clusterPeerSeeds"] = new JsonArray(state.ClusterSeeds.Select(s => (JsonNode?)s).ToArray());
        root["kuboPeerSeeds"] = new JsonArray(state.KuboSeeds.Select(s => (JsonNode?)s).ToArray());

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
            else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var temp = path + ".tmp";
        File.Delete(temp); // a leftover from a crash may have looser permissions; UnixCreateMode applies only to new files
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(temp, path, overwrite: true);
    }

    private static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private static string Password() =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    private static string? Redact(string? value) => value is null ? null : $"<{value.Length} characters>";
}
