using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using Xunit;

namespace Ipfs.Cli.Tests;

/// <summary>The user-facing CI workflows keep their promises: preview on PRs, up only on main.</summary>
public partial class WorkflowTests
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

    // ---------------------------------------------------------------------------------------
    // Secrets reach files through environment variables, byte for byte.
    // ---------------------------------------------------------------------------------------

    private static readonly string[] WorkflowFiles = ["manifests.yml", "pulumi.yml"];

    // Everything a shell or printf could reinterpret: quotes, $, backticks, backslashes, %, newlines.
    private const string Material =
        "{\n  \"format\": 2,\n  \"clusterSecret\": \"it's \\\"quoted\\\" $HOME ${HOME} $(touch pwned) `touch pwned` \\\\ \\n %s %d %% %b\",\n" +
        "  \"restApi\": {\"generation\": 0, \"password\": \"p$a`s's\\\"w%0rd!\"}\n}\n\n";
    private const string Kubeconfig =
        "-n apiVersion: v1\r\nusers:\n- name: \"ci\"\n  user:\n    token: 'a$b`c\\d%e\"f' # é ✓ \t tab\n    exec: $(id) `id` ${PATH}\n\n";

    private static IEnumerable<(string File, string Job, YamlMappingNode Step)> AllSteps() =>
        from file in WorkflowFiles
        let workflow = Load(file)
        from job in ((YamlMappingNode)workflow["jobs"]).Children
        from step in Steps((YamlMappingNode)job.Value)
        select (file, job.Key.ToString(), step);

    private static bool WritesSecrets(YamlMappingNode step) =>
        step.Children.ContainsKey("run") && SecretReference().IsMatch(step.ToString());

    public static TheoryData<string, string, string> SecretRestoreSteps()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (file, job, step) in AllSteps().Where(s => WritesSecrets(s.Step)))
            data.Add(file, job, step["name"].ToString());
        return data;
    }

    [Fact]
    public void EverySecretRestoreStepIsFound()
    {
        Assert.Equal(
            ["manifests.yml/diff-or-apply/Restore secret material and kubeconfig", "pulumi.yml/preview/Kubeconfig", "pulumi.yml/up/Kubeconfig"],
            AllSteps().Where(s => WritesSecrets(s.Step)).Select(s => $"{s.File}/{s.Job}/{s.Step["name"]}"));
    }

    [Fact]
    public void NoRunScriptContainsAnExpression()
    {
        foreach (var (file, job, step) in AllSteps().Where(s => s.Step.Children.ContainsKey("run")))
            Assert.False(step["run"].ToString().Contains("${{", StringComparison.Ordinal),
                $"{file}/{job}: a ${{{{ }}}} expression in a run script is pasted into the shell's text; pass it through env: instead");
    }

    [Theory]
    [MemberData(nameof(SecretRestoreSteps))]
    public async Task RestoreStep_WritesSecretsByteForByte(string file, string job, string name)
    {
        var jobNode = Job(Load(file), job);
        var step = Steps(jobNode).Single(s => s.Children.ContainsKey("name") && s["name"].ToString() == name);
        var root = Directory.CreateTempSubdirectory("workflow-restore-");
        try
        {
            var work = Directory.CreateDirectory(Path.Combine(root.FullName, "work")).FullName;
            var home = Directory.CreateDirectory(Path.Combine(root.FullName, "home")).FullName;
            var script = Path.Combine(root.FullName, "step.sh");
            // The runner pastes ${{ }} values into the script's text before bash reads it.
            File.WriteAllText(script, Expand(step["run"].ToString()));

            var start = new ProcessStartInfo("bash", ["--noprofile", "--norc", "-eo", "pipefail", script])
            {
                WorkingDirectory = work,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["HOME"] = home;
            foreach (var env in new[] { jobNode, step }.Where(n => n.Children.ContainsKey("env")).SelectMany(n => ((YamlMappingNode)n["env"]).Children))
                start.Environment[env.Key.ToString()] = Expand(env.Value.ToString());
            using var bash = Process.Start(start)!;
            var stdout = bash.StandardOutput.ReadToEndAsync();
            var stderr = await bash.StandardError.ReadToEndAsync();
            await stdout;
            await bash.WaitForExitAsync();
            Assert.True(bash.ExitCode == 0, $"{file}/{job}/{name} failed: {stderr}");

            var expected = new Dictionary<string, string>(StringComparer.Ordinal) { ["home/.kube/config"] = Kubeconfig };
            if (step.ToString().Contains("secrets.MATERIAL_", StringComparison.Ordinal))
                expected["work/.material/prod.json"] = Material;
            var written = Directory.EnumerateFiles(root.FullName, "*", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(root.FullName, p)).Where(p => p != "step.sh").Order(StringComparer.Ordinal);
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), written);
            foreach (var (path, content) in expected)
            {
                Assert.Equal(Encoding.UTF8.GetBytes(content), File.ReadAllBytes(Path.Combine(root.FullName, path)));
                if (!OperatingSystem.IsWindows())
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(root.FullName, path)));
            }
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>What the runner substitutes for each <c>${{ }}</c>: the stack is prod, a secret its hostile value.</summary>
    private static string Expand(string text) => Expression().Replace(text, m =>
        m.Value.Contains("secrets.MATERIAL_", StringComparison.Ordinal) ? Material
        : m.Value.Contains("secrets.KUBECONFIG_", StringComparison.Ordinal) ? Kubeconfig
        : m.Value.Contains("matrix.stack", StringComparison.Ordinal) ? "prod"
        : throw new InvalidOperationException($"unexpected expression {m.Value}"));

    [GeneratedRegex(@"\bsecrets\.[A-Z][A-Z0-9_]*")]
    private static partial Regex SecretReference();

    [GeneratedRegex(@"\$\{\{.*?\}\}")]
    private static partial Regex Expression();
}
