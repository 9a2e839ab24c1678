using System.Text.Json.Nodes;
using Ipfs.Manifests.Spec;
using k8s.Models;

namespace Ipfs.Manifests.Config;

/// <summary>
/// Turns a stack's raw configuration into a <see cref="ClusterSpec"/>: profile defaults, then the
/// stack's keys over them, then type and cross-key checks. Every problem is collected and reported
/// at once; nothing is built from a configuration with any problem.
/// </summary>
public static class ClusterSpecLoader
{
    /// <summary>Loads and validates; throws <see cref="ConfigValidationException"/> listing every problem.</summary>
    public static ClusterSpec Load(StackConfig config)
    {
        var problems = new List<ConfigProblem>();
        var overrides = Flatten(config, problems);

        var profile = ReadProfile(config.Source, overrides, problems);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in ConfigSchema.Fields)
        {
            var key = StackConfig.KeyOf(field.Path);
            if (!overrides.TryGetValue(field.Path, out var node))
                node = profile is { } p ? field.DefaultFor(p) : null;
            if (node is null)
            {
                if (field.Required) problems.Add(new(config.Source, key, null, $"is required ({field.Type.Describe()})"));
                values[field.Path] = null;
                continue;
            }
            if (node is JsonObject secure && secure.ContainsKey("secure") && field.Type != FieldType.Secret)
            {
                problems.Add(new(config.Source, key, "secure:…", "is encrypted, but only kubernetes.kubeconfig may be a secret; set it as a plain value"));
                continue;
            }
            if (field.Type.TryParse(node, out var value, out var error))
                values[field.Path] = value;
            else
                problems.Add(new(config.Source, key, Show(node), error));
        }

        if (profile is null)
            throw new ConfigValidationException(Sorted(problems));

        // Cross-key rules run even when some keys are bad (with the profile default standing in
        // for each bad value), so one run reports everything; rules about a bad key are dropped.
        var badKeys = problems.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var field in ConfigSchema.Fields.Where(f => !values.ContainsKey(f.Path) || badKeys.Contains(StackConfig.KeyOf(f.Path))))
            values[field.Path] = field.DefaultFor(profile.Value) is { } d && field.Type.TryParse(d, out var fallback, out _) ? fallback : null;

        var spec = Build(profile.Value, values);
        problems.AddRange(Validate(spec, config.Source).Where(p => !badKeys.Contains(p.Key)));
        if (problems.Count > 0)
            throw new ConfigValidationException(Sorted(problems));
        return spec;
    }

    /// <summary>
    /// Cross-key rules on a typed spec (also for specs built in code by consumers): replication
    /// within the peer count, prod peer minimum, requests within limits.
    /// </summary>
    public static IReadOnlyList<ConfigProblem> Validate(ClusterSpec spec, string source = "ClusterSpec")
    {
        var problems = new List<ConfigProblem>();
        void Add(string path, object value, string message) =>
            problems.Add(new(source, StackConfig.KeyOf(path), Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), message));

        if (spec.Replication.Min > spec.Replication.Max)
            Add("replication.min", spec.Replication.Min, $"must not exceed replication.max ({spec.Replication.Max})");
        if (spec.Replication.Min > spec.Peers)
            Add("peers", spec.Peers, $"must be at least replication.min ({spec.Replication.Min}): fewer peers cannot hold the minimum replicas");
        if (spec.Replication.Max > spec.Peers)
            Add("replication.max", spec.Replication.Max, $"must not exceed peers ({spec.Peers})");
        if (spec.Profile == Profile.Prod && spec.Peers < 3)
            Add("peers", spec.Peers, "must be at least 3 under the prod profile (one peer may be down for maintenance while pins stay replicated)");

        CheckWithinLimit(spec.Resources.Kubo, "resources.kubo", Add);
        CheckWithinLimit(spec.Resources.Cluster, "resources.cluster", Add);
        SpecSections.ValidateStorage(spec, Add);
        SpecSections.ValidateNetwork(spec, Add);
        SpecSections.ValidateMonitoring(spec, Add);
        SpecSections.ValidateRepinning(spec, Add);
        return problems;
    }

    private static void CheckWithinLimit(ContainerResourcesSpec r, string prefix, Action<string, object, string> add)
    {
        if (new ResourceQuantity(r.CpuRequest).ToDecimal() > new ResourceQuantity(r.CpuLimit).ToDecimal())
            add($"{prefix}.requests.cpu", r.CpuRequest, $"must not exceed {prefix}.limits.cpu ({r.CpuLimit})");
        if (new ResourceQuantity(r.MemoryRequest).ToDecimal() > new ResourceQuantity(r.MemoryLimit).ToDecimal())
            add($"{prefix}.requests.memory", r.MemoryRequest, $"must not exceed {prefix}.limits.memory ({r.MemoryLimit})");
    }

    private static Profile? ReadProfile(string source, IReadOnlyDictionary<string, JsonNode> overrides, List<ConfigProblem> problems)
    {
        if (!overrides.TryGetValue("profile", out var node)) return null; // reported as required
        return ConfigSchema.ByPath["profile"].Type.TryParse(node, out var v, out _)
            ? (string)v! == "prod" ? Profile.Prod : Profile.Dev
            : null; // reported by the field loop
    }

    private static Dictionary<string, JsonNode> Flatten(StackConfig config, List<ConfigProblem> problems)
    {
        var leaves = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var (key, node) in config.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (config.SecretKeys.Contains(key) && !ConfigSchema.SecretCapableKeys.Contains(key))
            {
                problems.Add(new(config.Source, StackConfig.KeyOf(key), "[secret]", "is a secret, but only kubernetes.kubeconfig may be a secret; set it as a plain value"));
                continue;
            }
            Walk(config.Source, key, node, leaves, problems);
        }
        return leaves;
    }

    private static void Walk(string source, string path, JsonNode? node, Dictionary<string, JsonNode> leaves, List<ConfigProblem> problems)
    {
        if (ConfigSchema.ByPath.ContainsKey(path))
        {
            if (node is null)
                problems.Add(new(source, StackConfig.KeyOf(path), "null", "has no value; remove the key to use the profile default"));
            else
                leaves[path] = node;
            return;
        }

        var children = ConfigSchema.Fields
            .Where(f => f.Path.StartsWith(path + ".", StringComparison.Ordinal))
            .Select(f => f.Path[(path.Length + 1)..].Split('.')[0])
            .Distinct()
            .ToList();
        if (children.Count == 0)
        {
            problems.Add(new(source, StackConfig.KeyOf(path), Show(node), UnknownKeyMessage(path)));
            return;
        }
        if (node is not JsonObject obj)
        {
            problems.Add(new(source, StackConfig.KeyOf(path), Show(node), $"must be an object with keys {string.Join(", ", children)}"));
            return;
        }
        foreach (var (child, value) in obj)
            Walk(source, $"{path}.{child}", value, leaves, problems);
    }

    private static string UnknownKeyMessage(string path)
    {
        var parent = path.Contains('.') ? path[..path.LastIndexOf('.')] : "";
        var siblings = ConfigSchema.Fields
            .Select(f => f.Path)
            .Where(p => parent.Length == 0 || p.StartsWith(parent + ".", StringComparison.Ordinal))
            .Select(p => parent.Length == 0 ? p.Split('.')[0] : parent + "." + p[(parent.Length + 1)..].Split('.')[0])
            .Distinct()
            .ToList();
        var closest = siblings.MinBy(s => EditDistance(s, path));
        var hint = closest is not null && EditDistance(closest, path) <= 3 ? $"; did you mean {StackConfig.KeyOf(closest)}?" : "";
        return $"is not a known key{hint} (known here: {string.Join(", ", siblings)})";
    }

    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1));
        return d[a.Length, b.Length];
    }

    private static string Show(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private static IReadOnlyList<ConfigProblem> Sorted(List<ConfigProblem> problems) =>
        problems.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Message, StringComparer.Ordinal).ToList();

    private static ClusterSpec Build(Profile profile, IReadOnlyDictionary<string, object?> v)
    {
        T Get<T>(string path) => (T)v[path]!;
        ContainerResourcesSpec Resources(string c) => new(
            Get<string>($"resources.{c}.requests.cpu"), Get<string>($"resources.{c}.requests.memory"),
            Get<string>($"resources.{c}.limits.cpu"), Get<string>($"resources.{c}.limits.memory"));

        return new ClusterSpec
        {
            Profile = profile,
            Namespace = Get<string>("namespace"),
            Name = Get<string>("name"),
            Peers = Get<int>("peers"),
            Images = new(Get<string>("images.kubo"), Get<string>("images.cluster")),
            Replication = new(Get<int>("replication.min"), Get<int>("replication.max")),
            Cluster = new(Get<int>("cluster.concurrentPins"), Get<int>("cluster.crdtBatchSize"), Get<string>("cluster.crdtBatchMaxAge"), Get<bool>("cluster.trustAllPeers")),
            Repinning = SpecSections.Repinning(path => v[path]),
            Resources = new(Resources("kubo"), Resources("cluster")),
            Storage = SpecSections.Storage(path => v[path]),
            Network = SpecSections.Network(path => v[path]),
            Monitoring = SpecSections.Monitoring(path => v[path]),
            Availability = new(Get<string>("availability.antiAffinity") == "required", Get<bool>("availability.zoneSpread")),
            Protect = Get<bool>("protect"),
            RestApi = new(Get<string>("restApi.user"), Get<int>("restApi.passwordGeneration")),
            Kubernetes = new(v["kubernetes.context"] as string, v["kubernetes.kubeconfig"] as SecretString),
        };
    }
}
