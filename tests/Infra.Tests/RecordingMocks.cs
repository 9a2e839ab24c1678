using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Pulumi.Testing;

namespace Ipfs.Infra.Tests;

/// <summary>
/// Records every registration and plays Pulumi.Random: random values are derived from the resource
/// name, so a test can rebuild the same secret material and compare with render.
/// </summary>
internal sealed class RecordingMocks : IMocks
{
    public sealed record Registration(string Type, string Name, ImmutableDictionary<string, object> Inputs);

    private readonly ConcurrentQueue<Registration> _registrations = new();

    /// <summary>When false, random resources return no outputs (values stay unknown, as in a first preview).</summary>
    public bool ResolveRandomValues { get; init; } = true;

    /// <summary>Random resources given a new value, as <c>pulumi up --replace</c> would (by resource name).</summary>
    public IReadOnlySet<string> Replaced { get; init; } = new HashSet<string>();

    /// <summary>Random resources whose values stay unknown, as for a resource being replaced in a preview (by resource name).</summary>
    public IReadOnlySet<string> Unknown { get; init; } = new HashSet<string>();

    public IReadOnlyList<Registration> Registrations => _registrations.ToList();

    public IEnumerable<Registration> OfType(string type) => Registrations.Where(r => r.Type == type);

    public static string HexFor(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    public static string PasswordFor(string name) => "pw" + HexFor("password:" + name)[..30];

    /// <summary>The password a RandomPassword gets for its keepers: raising the generation draws a new one.</summary>
    public static string PasswordFor(string name, string generation) => generation == "0" ? PasswordFor(name) : PasswordFor($"{name}@{generation}");

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        _registrations.Enqueue(new Registration(args.Type!, args.Name!, args.Inputs));
        var state = args.Inputs.ToBuilder();
        if (ResolveRandomValues && !Unknown.Contains(args.Name!))
        {
            var name = Replaced.Contains(args.Name!) ? args.Name + "#replaced" : args.Name!;
            switch (args.Type)
            {
                case "random:index/randomBytes:RandomBytes":
                    state["hex"] = HexFor(name);
                    state["base64"] = Convert.ToBase64String(Convert.FromHexString(HexFor(name)));
                    break;
                case "random:index/randomPassword:RandomPassword":
                    var generation = args.Inputs.TryGetValue("keepers", out var keepers) && keepers is IReadOnlyDictionary<string, object> k
                        && k.TryGetValue("generation", out var g) ? (string)g : "0";
                    state["result"] = PasswordFor(name, generation);
                    break;
            }
        }
        return Task.FromResult<(string?, object)>(($"{args.Name}-id", state.ToImmutable()));
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(args.Args);
}
