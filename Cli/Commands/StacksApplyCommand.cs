using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Redeploy.Cli.Plumbing;
using Redeploy.Cli.StackFiles;
using Redeploy.Cli.Tokens;
using Redeploy.Core.GitHub;

namespace Redeploy.Cli.Commands;

/// <summary><c>redeploy stacks apply -f FILE</c>: creates or updates the stacks a file declares.</summary>
public static class StacksApplyCommand
{
    public static Command Create(CliContext context, Option<string?> connection)
    {
        var file = new Option<string>("--file", "-f") { Description = "The stack file, YAML or JSON.", Required = true };
        var command = new Command(
            "apply",
            "Create or update the stacks a file declares (YAML or JSON). Applying twice changes nothing; an existing stack keeps its " +
            "uid, hook token and settings. 'secret: env:NAME' is read from the environment now. Stacks not in the file are left " +
            "alone. Prints the hook URLs of new stacks and keeps their tokens in the local token cache (see 'hook url').")
        {
            file,
        };
        command.SetAction((parse, ct) =>
            RunAsync(context, CliStorage.Open(context, parse.GetValue(connection)), parse.GetRequiredValue(file), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, CliStorage storage, string file, CancellationToken cancellationToken)
    {
        var path = context.ResolvePath(file);
        if (!File.Exists(path))
        {
            context.Output.Fail($"{file}: no such file");
            return ExitCodes.Failed;
        }

        var read = StackFileReader.ReadFile(path, file);
        if (!read.Succeeded)
        {
            foreach (var error in read.Errors)
            {
                context.Output.Fail(error.ToString());
            }

            return ExitCodes.Failed;
        }

        return await storage.RunAsync(context, async () =>
        {
            var (applied, errors, warnings) = await new StackApplier(storage.Stacks, context.GetEnvironmentVariable).ApplyAsync(read, cancellationToken);
            foreach (var warning in warnings)
            {
                context.Output.Warning(warning.ToString());
            }

            foreach (var error in errors)
            {
                context.Output.Fail(error.ToString());
            }

            if (errors.Count > 0)
            {
                return ExitCodes.Failed;
            }

            Report(context, storage, applied);
            WarnOfStaleGitHubHooks(context, storage, applied);
            return ExitCodes.Ok;
        }, cancellationToken);
    }

    /// <summary>
    /// A stack with <c>continuous.deploy</c> on whose deploy rule, secret or GitHub repositories changed has webhooks that
    /// send the old events, sign with the old secret, or are missing: writing them needs the hook token and GitHub
    /// credentials, which `settings set` asks for and says what is missing.
    /// </summary>
    private static void WarnOfStaleGitHubHooks(CliContext context, CliStorage storage, IReadOnlyList<AppliedStack> applied)
    {
        var options = storage.Services.GetRequiredService<GitHubOptions>();
        foreach (var (stack, before) in applied.Where(a => a.Before is not null).Select(a => (a.Stack, a.Before!)))
        {
            if (!GitHubSettings.IsContinuousDeploy(stack))
            {
                continue;
            }

            var changed = new List<string>();
            if (stack.Definition.Deploy.On != before.Definition.Deploy.On)
            {
                changed.Add($"now deploys on {stack.Definition.Deploy.Describe()}");
            }

            if (stack.WebhookSecret != before.WebhookSecret)
            {
                changed.Add("has a new secret");
            }

            if (!Names(GitHubSettings.Repositories(stack.Definition, options)).SetEquals(Names(GitHubSettings.Repositories(before.Definition, options))))
            {
                changed.Add("tracks other GitHub repositories");
            }

            if (changed.Count > 0)
            {
                context.Output.Warning($"'{stack.Name}' {string.Join(", ", changed)}, and its GitHub webhooks are as they were: " +
                    $"run `redeploy settings set -s {stack.Name} {GitHubSettings.ContinuousDeploy} true` to write them");
            }
        }

        static HashSet<string> Names(IEnumerable<GitHubRepository> repositories) =>
            repositories.Select(r => r.FullName).ToHashSet(StringComparer.Ordinal);
    }

    private static void Report(CliContext context, CliStorage storage, IReadOnlyList<AppliedStack> applied)
    {
        context.Output.Table(
            ["stack", "kind", "change"],
            applied.Select(a => (IReadOnlyList<string>)[a.Stack.Name, a.Stack.Definition.Kind.ToString().ToLowerInvariant(), a.Change.ToString().ToLowerInvariant()]));
        var created = applied.Where(a => a.NewToken is not null).ToList();
        if (created.Count == 0)
        {
            return;
        }

        var cache = context.UserTokens;
        context.Output.Line();
        context.Output.Line("Hook URLs of the new stacks (keep them secret; `redeploy hook url -s NAME` prints one again):");
        foreach (var stack in created)
        {
            cache.Save(stack.Stack.Uid, stack.Stack.Name, stack.NewToken!);
            context.Output.Line($"{stack.Stack.Name}: {storage.Options.HookUrl(stack.Stack.Uid, stack.NewToken!)}");
        }
    }
}
