using System.Text.Json;
using System.Text.Json.Nodes;
using Ipfs.Manifests.Builders;
using Ipfs.Manifests.Spec;
using Ipfs.Manifests.Tests.Builders.Network;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.NodeSet;

/// <summary>
/// A kubo start as the image runs it (the init scripts in name order) under busybox sh with a
/// stand-in `ipfs` that counts its invocations: the repo is migrated before anything edits the
/// config, a newer repo stops the start, and the config is written in one pass with the same
/// settings today's 21 `ipfs config` calls made.
/// </summary>
public class KuboStartTests
{
    [Fact]
    public void ARestartStartsTwoKuboProcessesBeforeTheDaemonMigrationIncluded()
    {
        var spec = NetworkScenarios.For("prod");
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));
        harness.StartKubo(0);
        var calls = harness.StartKubo(0, harness.RepoConfig(0));

        Assert.Equal(["version --all", "repo migrate"], calls.Select(c => string.Join(' ', c)));
    }

    [Fact]
    public void TheRepoIsMigratedBeforeAnyScriptEditsTheConfig()
    {
        var spec = TestSpecs.Dev;
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));

        // kubo supports repo version 19, the repo is at 18: the stand-in copies the config it sees when migrating.
        var calls = harness.StartKubo(0, RealisticConfig, ("KUBO_REPO_VERSION", "19"));

        Assert.Equal(["version --all", "repo migrate"], calls.Select(c => string.Join(' ', c)));
        Assert.Equal(RealisticConfig, File.ReadAllText(harness.RepoFile(0, "config-at-migration")));
        Assert.NotEqual(RealisticConfig, harness.RepoConfig(0));
    }

    [Fact]
    public void ARepoFromANewerKuboStopsWithOneLineNamingBothVersionsAndTouchesNothing()
    {
        var spec = TestSpecs.Dev;
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));
        harness.StartKubo(0);
        File.WriteAllText(harness.RepoFile(0, "version"), "19\n");
        var config = harness.RepoConfig(0);

        var (exit, _, error, calls) = harness.TryStartKubo(0, null);

        Assert.NotEqual(0, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("at version 19, newer than version 18 that kubo 0.43.1 supports", line);
        Assert.Equal(["version --all"], calls.Select(c => string.Join(' ', c)));
        Assert.Equal(config, harness.RepoConfig(0));
    }

    public static TheoryData<string> Recorded => new(TodaysSettings().Keys);

    /// <summary>
    /// Key by key, the one pass writes what today's scripts wrote: the recorded `ipfs config` calls
    /// (TestData/kubo-settings-before-one-pass.json, recorded from the scripts before this change) applied the
    /// way kubo's SetConfigKey applies them (repo/common MapSetKV on the config as a map), plus the
    /// identity, plus the intended changes: WebSocket off in private mode, back to kubo's default in
    /// public mode. Peer addresses come from the peer directory, whose format is not the scripts' business.
    /// </summary>
    [Theory]
    [MemberData(nameof(Recorded))]
    public void OnePassWritesTodaysSettingsKeyByKey(string recorded)
    {
        var scenario = recorded.Split('/')[0];
        var ordinal = int.Parse(recorded.Split('/')[1]);
        var spec = NetworkScenarios.For(scenario);
        var material = TestSpecs.Material(spec);
        using var harness = new ScriptHarness(spec, material);
        harness.StartKubo(ordinal, RealisticConfig, ("HOST_IP", "35.1.2.3"), ("SWARM_NODE_PORT_BASE", spec.Network.NodePort.BasePort.ToString()));

        var expected = JsonNode.Parse(RealisticConfig)!.AsObject();
        foreach (var (key, value) in TodaysSettings()[recorded])
            MapSetKV(expected, key, ExpandAddresses(spec, JsonNode.Parse(value)));
        MapSetKV(expected, "Identity.PeerID", material.KuboPeers[ordinal].PeerId);
        MapSetKV(expected, "Identity.PrivKey", material.KuboPeers[ordinal].PrivateKeyBase64);
        MapSetKV(expected, "Swarm.Transports.Network.Websocket", spec.Network.PrivateSwarm ? false : null);

        var actual = Flatten(JsonNode.Parse(harness.RepoConfig(ordinal)));
        var wanted = Flatten(expected);
        Assert.Equal(wanted.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.All(wanted, kv => Assert.True(actual[kv.Key] == kv.Value, $"{kv.Key}: expected {kv.Value}, got {actual[kv.Key]}"));
    }

    [Theory]
    [InlineData("dev", "TCP default(on), Websocket default(on), QUIC default(on), WebTransport default(on), WebRTCDirect default(on), Relay default(on)")]
    [InlineData("prod", "TCP default(on), Websocket default(on), QUIC default(on), WebTransport default(on), WebRTCDirect default(on), Relay default(on)")]
    [InlineData("private-load-balancer", "TCP default(on), Websocket off, QUIC off, WebTransport off, WebRTCDirect off, Relay default(on)")]
    [InlineData("private", "TCP default(on), Websocket off, QUIC off, WebTransport off, WebRTCDirect off, Relay default(on)")]
    public void EveryTransportPerMode(string scenario, string transports)
    {
        var spec = NetworkScenarios.For(scenario);
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));
        harness.StartKubo(0, RealisticConfig);
        var network = JsonNode.Parse(harness.RepoConfig(0))!["Swarm"]!["Transports"]!["Network"]!.AsObject();
        var listens = JsonNode.Parse(harness.RepoConfig(0))!["Addresses"]!["Swarm"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();

        // kubo's Transports (core/node/libp2p/transport.go): a null or missing flag takes the default,
        // on for TCP, Websocket and Relay, and on for the UDP transports outside a private network.
        string State(string name) => network[name] switch
        {
            null => "default(on)",
            var flag => flag.GetValue<bool>() ? "on" : "off",
        };
        var listed = string.Join(", ", new[] { "TCP", "Websocket", "QUIC", "WebTransport", "WebRTCDirect", "Relay" }
            .Select(t => $"{t} {State(t)}"));
        Assert.Equal(transports, listed);
        Assert.Equal(spec.Network.PrivateSwarm, listens.All(a => a.Contains("/tcp/", StringComparison.Ordinal)));
    }

    [Fact]
    public void KeysTheStackDoesNotSetAreKeptAsKuboWroteThem()
    {
        var spec = NetworkScenarios.For("prod");
        using var harness = new ScriptHarness(spec, TestSpecs.Material(spec));
        harness.StartKubo(1, RealisticConfig);
        var before = Flatten(JsonNode.Parse(RealisticConfig));
        var after = Flatten(JsonNode.Parse(harness.RepoConfig(1)));
        var set = TodaysSettings()["prod/1"].Select(s => s.Key).Concat(["Identity.PeerID", "Identity.PrivKey", "Swarm.Transports.Network.Websocket"]).ToList();

        foreach (var (key, value) in before.Where(kv => !set.Any(s => kv.Key == s || kv.Key.StartsWith(s + ".", StringComparison.Ordinal) || s.StartsWith(kv.Key + ".", StringComparison.Ordinal))))
            Assert.Equal(value, after[key]);
        Assert.Equal("\"kept\"", after["Plugins.Plugins.example.Config.Mode"]);
    }

    /// <summary>kubo's MapSetKV: walk the dotted key through maps, creating missing ones, and set the last part.</summary>
    private static void MapSetKV(JsonObject config, string key, JsonNode? value)
    {
        var parts = key.Split('.');
        var cursor = config;
        foreach (var part in parts[..^1])
        {
            if (cursor[part] is not JsonObject next) cursor[part] = next = [];
            cursor = next;
        }
        cursor[parts[^1]] = value;
    }

    private static JsonNode? ExpandAddresses(ClusterSpec spec, JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        for (var i = spec.Peers - 1; i >= 0; i--)
            text = text.Replace($"{{kubo-address:{i}}}", PeerAddressesBuilder.KuboPeerAddress(spec, i), StringComparison.Ordinal);
        return JsonNode.Parse(text);
    }

    /// <summary>Every leaf and empty container as dotted path → compact JSON.</summary>
    private static Dictionary<string, string> Flatten(JsonNode? node, string path = "", Dictionary<string, string>? into = null)
    {
        into ??= [];
        switch (node)
        {
            case JsonObject o when o.Count > 0:
                foreach (var (k, v) in o) Flatten(v, path.Length == 0 ? k : $"{path}.{k}", into);
                break;
            default:
                into[path] = node?.ToJsonString() ?? "null";
                break;
        }
        return into;
    }

    private static Dictionary<string, List<KeyValuePair<string, string>>> TodaysSettings()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "TestData", "kubo-settings-before-one-pass.json");
        var recorded = JsonSerializer.Deserialize<Dictionary<string, List<string[]>>>(File.ReadAllText(file))!;
        return recorded.ToDictionary(r => r.Key, r => r.Value.Select(s => new KeyValuePair<string, string>(s[0], s[1])).ToList());
    }

    /// <summary>A repo config shaped like `ipfs init` writes it (kubo v0.42), with a plugin section the stack never sets.</summary>
    public const string RealisticConfig = """
        {
          "API": {
            "HTTPHeaders": {}
          },
          "Addresses": {
            "API": "/ip4/127.0.0.1/tcp/5001",
            "Announce": [],
            "AppendAnnounce": [],
            "Gateway": "/ip4/127.0.0.1/tcp/8080",
            "NoAnnounce": [],
            "Swarm": [
              "/ip4/0.0.0.0/tcp/4001",
              "/ip6/::/tcp/4001",
              "/ip4/0.0.0.0/udp/4001/webrtc-direct",
              "/ip4/0.0.0.0/udp/4001/quic-v1",
              "/ip4/0.0.0.0/udp/4001/quic-v1/webtransport",
              "/ip6/::/udp/4001/webrtc-direct",
              "/ip6/::/udp/4001/quic-v1",
              "/ip6/::/udp/4001/quic-v1/webtransport"
            ]
          },
          "AutoConf": {},
          "AutoTLS": {},
          "Bootstrap": [
            "auto"
          ],
          "DNS": {
            "Resolvers": {
              ".": "auto"
            }
          },
          "Datastore": {
            "BloomFilterSize": 0,
            "GCPeriod": "1h",
            "HashOnRead": false,
            "Spec": {
              "mounts": [
                {
                  "child": {
                    "path": "blocks",
                    "shardFunc": "/repo/flatfs/shard/v1/next-to-last/2",
                    "sync": false,
                    "type": "flatfs"
                  },
                  "mountpoint": "/blocks",
                  "prefix": "flatfs.datastore",
                  "type": "measure"
                }
              ],
              "type": "mount"
            },
            "StorageGCWatermark": 90,
            "StorageMax": "10GB"
          },
          "Discovery": {
            "MDNS": {
              "Enabled": true
            }
          },
          "Identity": {
            "PeerID": "12D3KooWAlreadyInitialisedRandomIdentity",
            "PrivKey": "CAESQOldRandomKey+/="
          },
          "Ipns": {
            "DelegatedPublishers": [
              "auto"
            ],
            "RecordLifetime": "",
            "RepublishPeriod": "",
            "ResolveCacheSize": 128
          },
          "Peering": {
            "Peers": null
          },
          "Plugins": {
            "Plugins": {
              "example": {
                "Config": {
                  "Mode": "kept"
                }
              }
            }
          },
          "Routing": {
            "DelegatedRouters": [
              "auto"
            ]
          },
          "Swarm": {
            "AddrFilters": null,
            "ConnMgr": {},
            "DisableBandwidthMetrics": false,
            "ResourceMgr": {},
            "Transports": {
              "Multiplexers": {},
              "Network": {},
              "Security": {}
            }
          }
        }
        """;
}
