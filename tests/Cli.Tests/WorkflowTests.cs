using YamlDotNet.RepresentationModel;
using Xunit;

namespace Ipfs.Cli.Tests;

/// <summary>The user-facing CI workflows keep their promises: preview on PRs, up only on main.</summary>
public class WorkflowTests
{
    private static YamlMappingNode Load(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, ".github", "workflows", file);
            if (!File.Exists(path)) continue;
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path)));
            return (YamlMappingNode)stream.Documents[0].RootNode;
        }
        throw new FileNotFoundException(file);
    }

    private static YamlMappingNode Job(YamlMappingNode workflow, string name) =>
        (YamlMappingNode)((YamlMappingNode)workflow["jobs"])[name];

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) =>
        ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>();

    [Fact]
    public void BuildJobRunsTheReadmeTestCommandAndRendersBothStacks()
    {
        var runs = string.Join("\n", Steps(Job(Load("pulumi.yml"), "build")).Where(s => s.Children.ContainsKey("run")).Select(s => s["run"].ToString()));
        Assert.Contains("bash test.sh", runs);
        Assert.Contains("render --stack dev", runs);
        Assert.Contains("render --stack prod", runs);
    }

    [Fact]
    public void PreviewWithDiffRunsPerStackOnPullRequestsOnly()
    {
        var preview = Job(Load("pulumi.yml"), "preview");
        Assert.Contains("pull_request", preview["if"].ToString());
        var action = Steps(preview).Single(s => s.Children.ContainsKey("uses") && s["uses"].ToString().StartsWith("pulumi/actions@", StringComparison.Ordinal));
        var with = (YamlMappingNode)action["with"];
        Assert.Equal("preview", with["command"].ToString());
        Assert.Equal("true", with["diff"].ToString());
        Assert.Equal(["dev", "prod"], ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)preview["strategy"])["matrix"])["stack"]).Children.Select(c => c.ToString()));
    }

    [Fact]
    public void UpRunsOnlyForPushesToMainBehindEnvironments()
    {
        var up = Job(Load("pulumi.yml"), "up");
        Assert.Contains("refs/heads/main", up["if"].ToString());
        Assert.Contains("push", up["if"].ToString());
        Assert.Contains("matrix.stack", up["environment"].ToString());
        var action = Steps(up).Single(s => s.Children.ContainsKey("uses") && s["uses"].ToString().StartsWith("pulumi/actions@", StringComparison.Ordinal));
        Assert.Equal("up", ((YamlMappingNode)action["with"])["command"].ToString());
    }

    [Fact]
    public void TeamsWithoutPulumiRenderThenKubectlDiffOnPullRequests()
    {
        var steps = Steps(Job(Load("manifests.yml"), "diff-or-apply")).Where(s => s.Children.ContainsKey("run")).ToList();
        var render = steps.FindIndex(s => s["run"].ToString().Contains("render --stack", StringComparison.Ordinal));
        var diff = steps.FindIndex(s => s["run"].ToString().Contains("kubectl diff", StringComparison.Ordinal));
        Assert.True(render >= 0 && diff > render);
        Assert.Contains("pull_request", steps[diff]["if"].ToString());
    }
}
