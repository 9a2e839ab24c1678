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

    public IReadOnlyList<Registration> Registrations => _registrations.ToList();

    public IEnumerable<Registration> OfType(string type) => Registrations.Where(r => r.Type == type);

    public static string HexFor(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    public static string PasswordFor(string name) => "pw" + HexFor("password:" + name)[..30];

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        _registrations.Enqueue(new Registration(args.Type!, args.Name!, args.Inputs));
        var state = args.Inputs.ToBuilder();
        if (ResolveRandomValues)
        {
            switch (args.Type)
            {
                case "random:index/randomBytes:RandomBytes":
                    state["hex"] = HexFor(args.Name!);
                    state["base64"] = Convert.ToBase64String(Convert.FromHexString(HexFor(args.Name!)));
                    break;
                case "random:index/randomPassword:RandomPassword":
                    state["result"] = PasswordFor(args.Name!);
                    break;
            }
        }
        return Task.FromResult<(string?, object)>(($"{args.Name}-id", state.ToImmutable()));
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(args.Args);
}
