using System.Text.Json.Nodes;
using Ipfs.Manifests.Identity;
using Xunit;

namespace Ipfs.Cli.Tests;

/// <summary>
/// What the CLI prints never holds a secret value: render (first, repeated, rotating, failing),
/// describe and config-reference, for the repository's stacks and a private, exposed one. The values
/// searched for are read back from the material file the render created.
/// </summary>
public sealed class SecretOutputTests : IDisposable
{
    private readonly DirectoryInfo _project = Directory.CreateTempSubdirectory("cli-secrets-");

    public SecretOutputTests()
    {
        var repository = RepositoryDirectory();
        foreach (var file in new[] { "Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml" })
            File.Copy(Path.Combine(repository, file), Path.Combine(_project.FullName, file));
        File.WriteAllText(Path.Combine(_project.FullName, "Pulumi.exposed.yaml"), ExposedStack(passwordGeneration: 0));
    }

    public void Dispose() => _project.Delete(recursive: true);

    private static string ExposedStack(int passwordGeneration) => $"""
        config:
          ipfs-infra:profile: prod
          ipfs-infra:restApi:
            passwordGeneration: {passwordGeneration}
          ipfs-infra:network:
            privateSwarm: true
            exposure: loadBalancer
            loadBalancer:
              addresses: [34.120.0.10, 34.120.0.11, 34.120.0.12]
            api:
              clientNamespaces: [apps]
            gateway:
              namespace: ingress-nginx
            ingress:
              enabled: true
              host: ipfs.example.com
              tlsSecret: ipfs-gateway-tls
        """;

    private static string RepositoryDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
                return dir.FullName;
        throw new InvalidOperationException($"No Pulumi.yaml at or above {AppContext.BaseDirectory}.");
    }

    private string Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        CliApp.Run(args, stdout, stderr);
        return stdout + "\n" + stderr;
    }

    private string Render(string stack) => Run("render", "--stack", stack, "--project", _project.FullName);

    /// <summary>Every secret value in the stack's material file, with the identity seed and the private key and Ed25519 seed of every identity derived from it.</summary>
    private List<string> SecretValues(string stack)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(_project.FullName, ".material", $"{stack}.json")))!;
        var values = new List<string> { (string)root["clusterSecret"]!, (string)root["restApi"]!["password"]! };
        if (root["swarmKey"] is { } swarm) values.Add((string)swarm!);
        var identitySeed = (string)root["identitySeed"]!;
        values.Add(identitySeed);
        values.Add(Convert.ToBase64String(Convert.FromHexString(identitySeed)));
        // More ordinals than any stack here has: an identity of a removed or future ordinal is secret too.
        var (cluster, kubo) = IdentityDerivation.ForPeers(identitySeed, 10);
        foreach (var identity in cluster.Concat(kubo))
        {
            values.Add(identity.PrivateKeyBase64);
            values.Add(Convert.ToHexStringLower(Convert.FromBase64String(identity.PrivateKeyBase64).AsSpan(4, PeerIdentity.SeedLength)));
        }
        return values;
    }

    private static void AssertClean(string what, string output, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
            Assert.False(output.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{what} printed a secret value:\n{output}");
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    [InlineData("exposed")]
    public void RenderAndDescribePrintNoSecret(string stack)
    {
        var first = Render(stack);
        var second = Render(stack);
        var describe = Run("describe", "--stack", stack, "--project", _project.FullName);
        var secrets = SecretValues(stack);

        Assert.Contains("Rendered stack", first);
        AssertClean("the first render", first, secrets);
        AssertClean("a repeated render", second, secrets);
        AssertClean("describe", describe, secrets);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_project.FullName, "out", stack)).Where(f => Path.GetFileName(f) != "secrets.yaml"))
            AssertClean(Path.GetFileName(file), File.ReadAllText(file), secrets);
    }

    [Fact]
    public void RotatingThePasswordSaysSoWithoutShowingEitherPassword()
    {
        Render("exposed");
        var before = SecretValues("exposed");
        File.WriteAllText(Path.Combine(_project.FullName, "Pulumi.exposed.yaml"), ExposedStack(passwordGeneration: 1));

        var output = Render("exposed");
        var after = SecretValues("exposed");

        Assert.Contains("rotated the REST API password (generation 1)", output);
        Assert.Equal(before.Count, after.Count);
        Assert.Single(before.Except(after)); // the password, and nothing else
        AssertClean("a rotating render", output, before.Concat(after));
    }

    [Fact]
    public void LoweringThePasswordGenerationFailsWithoutShowingAnySecret()
    {
        File.WriteAllText(Path.Combine(_project.FullName, "Pulumi.exposed.yaml"), ExposedStack(passwordGeneration: 2));
        Render("exposed");
        File.WriteAllText(Path.Combine(_project.FullName, "Pulumi.exposed.yaml"), ExposedStack(passwordGeneration: 1));

        var output = Render("exposed");

        Assert.Contains("lowering it cannot bring an old password back", output);
        AssertClean("a refused render", output, SecretValues("exposed"));
    }

    [Fact]
    public void AMaterialFileWithABadValueFailsWithoutShowingAnySecret()
    {
        Render("exposed");
        var path = Path.Combine(_project.FullName, ".material", "exposed.json");
        var secrets = SecretValues("exposed");
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        root["swarmKey"] = ((string)root["swarmKey"]!)[..63] + "G";
        File.WriteAllText(path, root.ToJsonString());

        var output = Render("exposed");

        Assert.Contains("exposed.json: swarmKey", output);
        AssertClean("a failing render", output, secrets.Append(((string)root["swarmKey"]!)[..40]));
    }

    [Fact]
    public void AMaterialFileThatIsNotJsonFailsWithoutQuotingIt()
    {
        Render("exposed");
        var path = Path.Combine(_project.FullName, ".material", "exposed.json");
        var secrets = SecretValues("exposed");
        var text = File.ReadAllText(path);
        Assert.Contains("\"format\": 2", text);
        File.WriteAllText(path, text.Replace("\"format\": 2", "\"format\": n", StringComparison.Ordinal));

        var output = Render("exposed");

        Assert.Contains("exposed.json: (file): is not readable material (invalid JSON at line 2", output);
        AssertClean("a failing render", output, secrets.Select(s => s[..16]));
    }

    [Theory]
    [InlineData("render")]
    [InlineData("describe")]
    public void AKubeconfigGivenAsAMapIsNamedButNotPrinted(string command)
    {
        const string token = "eyJhbGciOiJSUzI1NiJ9.kubeconfig-token";
        File.WriteAllText(Path.Combine(_project.FullName, "Pulumi.mapped.yaml"), $"""
            config:
              ipfs-infra:profile: dev
              ipfs-infra:kubernetes:
                kubeconfig:
                  apiVersion: v1
                  users:
                    - name: ci
                      user:
                        token: {token}
            """);

        var output = Run(command, "--stack", "mapped", "--project", _project.FullName);

        Assert.Contains("Pulumi.mapped.yaml: ipfs-infra:kubernetes.kubeconfig = [secret]: must be a string or a Pulumi secret", output);
        AssertClean(command, output, [token, "kubeconfig-token"]);
        Assert.DoesNotContain("   at ", output);
    }
}
