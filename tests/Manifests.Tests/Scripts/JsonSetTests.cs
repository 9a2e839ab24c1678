using System.Text.Json.Nodes;
using Ipfs.Manifests.Scripts;
using Xunit;

namespace Ipfs.Manifests.Tests.Scripts;

/// <summary>json-set.awk under busybox awk: sets keys as kubo's MapSetKV does and keeps everything else byte for byte in value.</summary>
public class JsonSetTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ipfs-json-set-").FullName;

    private (int Exit, string Output, string Error) Set(string document, params string[] settings)
    {
        File.WriteAllText(Path.Combine(_root, "json-set.awk"), PodScripts.Read("json-set.awk"));
        File.WriteAllText(Path.Combine(_root, "settings"), string.Join("", settings.Select(s => s + "\n")));
        File.WriteAllText(Path.Combine(_root, "document"), document);
        var script = Path.Combine(_root, "run.sh");
        File.WriteAllText(script, $"awk -f '{_root}/json-set.awk' '{_root}/settings' '{_root}/document'\n");
        return ImageShell.Run(script, [new("PATH", ImageShell.SearchPath(_root))]);
    }

    [Fact]
    public void KeysAreSetCreatedAndReplacedWholeWhileEverythingElseIsKept()
    {
        const string document = """
            {"Keep": {"Text": "a \"quoted\" \\ \u00e9 ☃", "Numbers": [1, -2.5e3, 0], "Empty": {}, "None": null},
             "Swarm": {"ConnMgr": {"Type": "x", "Old": true}, "AddrFilters": null}, "Null": null}
            """;
        var (exit, output, error) = Set(document,
            "Swarm.ConnMgr\t{\"Type\":\"basic\",\"LowWater\":1}",
            "Swarm.Transports.Network.Websocket\tfalse",
            "Null.Child.Leaf\t\"made\"",
            "DNS.Resolvers\t{}",
            "Swarm.AddrFilters\t[\"/ip4/1.2.3.4/ipcidr/32\"]");

        Assert.True(exit == 0, error);
        var result = JsonNode.Parse(output)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(document)!["Keep"], result["Keep"]));
        Assert.Equal("{\"Type\":\"basic\",\"LowWater\":1}", result["Swarm"]!["ConnMgr"]!.ToJsonString());
        Assert.False(result["Swarm"]!["Transports"]!["Network"]!["Websocket"]!.GetValue<bool>());
        Assert.Equal("made", result["Null"]!["Child"]!["Leaf"]!.GetValue<string>()); // a null parent becomes an object (MapSetKV)
        Assert.Equal("{}", result["DNS"]!["Resolvers"]!.ToJsonString());
        Assert.Equal("[\"/ip4/1.2.3.4/ipcidr/32\"]", result["Swarm"]!["AddrFilters"]!.ToJsonString());
        Assert.StartsWith("{\n  \"Keep\": {\n    \"Text\": ", output, StringComparison.Ordinal); // MarshalIndent layout
    }

    [Theory]
    [InlineData("Keep.Text.Inner\t1", "Keep.Text is not an object")]
    [InlineData("Keep\t1|Keep.Text\t2", "Keep.Text lies inside Keep")]
    [InlineData("Keep.Text\t[1,", "is not one JSON value")]
    [InlineData("no tab here", "is not 'path<TAB>json'")]
    public void BadSettingsFailWithAMessageNamingTheKey(string settings, string message)
    {
        var (exit, _, error) = Set("{\"Keep\": {\"Text\": \"t\"}}\n", settings.Split('|'));
        Assert.NotEqual(0, exit);
        Assert.Contains(message, error);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
