using System.CommandLine;
using Ipfs.Cli;
using Ipfs.Manifests.Config;

return CliApp.Run(args, Console.Out, Console.Error);

namespace Ipfs.Cli
{
    /// <summary>Command-line entry: parses arguments and turns expected failures into messages and exit codes.</summary>
    internal static class CliApp
    {
        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            var stack = new Option<string>("--stack") { Description = "Stack to render (reads Pulumi.<stack>.yaml), e.g. dev or prod", Required = true };
            var project = new Option<string?>("--project") { Description = "Folder holding Pulumi.yaml (default: nearest at or above the working directory)" };
            var output = new Option<string?>("--out") { Description = "Output folder (default: out/<stack> in the project folder)" };

            var render = new Command("render", "Render a stack's Kubernetes objects to YAML, without a cluster or Pulumi") { stack, project, output };
            render.SetAction(parsed => Guard(stderr, () =>
                RenderCommand.Run(parsed.GetValue(stack)!, parsed.GetValue(project), parsed.GetValue(output), stdout)));

            var describe = new Command("describe", "Print a stack's resolved namespace, StatefulSet, peer count and kube context as KEY=value lines") { stack, project };
            describe.SetAction(parsed => Guard(stderr, () => DescribeCommand.Run(parsed.GetValue(stack)!, parsed.GetValue(project), stdout)));

            var reference = new Command("config-reference", "Print the stack config reference (every key, type and default per profile) as Markdown");
            reference.SetAction(_ => Guard(stderr, () => { stdout.Write(ConfigReference.Markdown()); return 0; }));

            var peerCounts = new Option<int[]>("--peers") { Description = "Peer counts to measure", DefaultValueFactory = _ => [3, 30, 300], AllowMultipleArgumentsPerToken = true };
            peerCounts.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int[]>() is { } counts && counts.Any(c => c is < 1 or > 10000))
                    result.AddError("--peers: every peer count must be between 1 and 10000");
            });
            var benchmark = new Command("benchmark", "Print build-and-render time and allocations for 3, 30 and 300 peers (run with -c Release)") { peerCounts };
            benchmark.SetAction(parsed => Guard(stderr, () => BenchmarkCommand.Run(parsed.GetValue(peerCounts)!, stdout)));

            var root = new RootCommand("ipfs-infra: an IPFS cluster (kubo + ipfs-cluster) on Kubernetes") { render, describe, reference, benchmark };
            var parsed = root.Parse(args);
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }

        private static int Guard(TextWriter stderr, Func<int> action)
        {
            try
            {
                return action();
            }
            catch (ConfigValidationException e)
            {
                stderr.WriteLine(e.Message);
                return 2;
            }
            catch (IOException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return 1;
            }
            catch (UnauthorizedAccessException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return 1;
            }
            catch (PlatformNotSupportedException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return 1;
            }
            catch (Exception e)
            {
                // A backstop only: every known failure above has its own message. Never a stack trace.
                stderr.WriteLine($"error: unexpected {e.GetType().Name}: {e.Message}");
                return 70;
            }
        }
    }
}
