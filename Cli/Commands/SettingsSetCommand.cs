using System.CommandLine;
using Redeploy.Cli.Plumbing;
using Redeploy.Cli.Tokens;
using Redeploy.Core.GitHub;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Cli.Commands;

/// <summary><c>redeploy settings set -s NAME KEY VALUE</c>.</summary>
public static class SettingsSetCommand
{
    public static Command Create(CliContext context, Option<string?> connection)
    {
        var stack = StackLookup.Option();
        var key = new Argument<string>("KEY") { Description = $"The setting: {string.Join(", ", StackSettings.Known)}." };
        var value = new Argument<string>("VALUE") { Description = "Its value (continuous.deploy: true or false)." };
        var command = new Command("set", $"Set a stack setting. Known settings: {string.Join(", ", StackSettings.Known)}.") { stack, key, value };
        command.SetAction((parse, ct) => RunAsync(
            context, CliStorage.Open(context, parse.GetValue(connection)), parse.GetRequiredValue(stack), parse.GetRequiredValue(key), parse.GetRequiredValue(value), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, CliStorage storage, string name, string key, string value, CancellationToken cancellationToken)
    {
        // Checked before storage is touched: a wrong key is wrong whatever is stored.
        if (StackSettings.Normalize(key, value, out var error) is not { } normalized)
        {
            context.Output.Fail(error!);
            return ExitCodes.Failed;
        }

        return await storage.RunAsync(context, async () =>
        {
            if (await StackLookup.FindAsync(context, storage, name, cancellationToken) is not { } stack)
            {
                return ExitCodes.Failed;
            }

            var changed = stack;
            if (key == StackSettings.ContinuousDeploy && normalized == "true")
            {
                if (await TurnOnAsync(context, storage, stack, cancellationToken) is not { } synced)
                {
                    return ExitCodes.Failed;
                }

                changed = synced;
            }

            var settings = new Dictionary<string, string>(changed.Settings, StringComparer.Ordinal) { [key] = normalized };
            await storage.Stacks.SaveAsync(changed with { Settings = settings }, stack, cancellationToken);
            context.Output.Line($"{stack.Name}: {key} = {normalized}");
            if (key == StackSettings.ContinuousDeploy && normalized == "false")
            {
                context.Output.Note("No more GitHub deployments for this stack; the repositories' webhooks are left as they are.");
            }

            return ExitCodes.Ok;
        }, cancellationToken);
    }

    /// <summary>
    /// CONTRACT §8: credentials and a webhook secret are needed, then every tracked GitHub repository gets its hook. The
    /// stack to save (with the hashes of the secrets written), or null after saying what is wrong; then nothing is stored
    /// except, when GitHub refused some repositories, the hashes of the hooks that were written.
    /// </summary>
    private static async Task<StoredStack?> TurnOnAsync(CliContext context, CliStorage storage, StoredStack stack, CancellationToken cancellationToken)
    {
        var options = GitHubHooks.ReadOptions(context);
        var missing = new List<string>();
        if (!options.HasCredentials)
        {
            missing.Add(GitHubHooks.MissingCredentials);
        }

        if (string.IsNullOrEmpty(stack.WebhookSecret))
        {
            missing.Add($"a webhook secret on '{stack.Name}' (secret: in its stack file, then `redeploy stacks apply`)");
        }

        if (missing.Count > 0)
        {
            context.Output.Fail($"{StackSettings.ContinuousDeploy} true needs {string.Join(" and ", missing)}; nothing was changed");
            return null;
        }

        if (GitHubSettings.Repositories(stack.Definition, options).Count == 0)
        {
            context.Output.Warning($"'{stack.Name}' tracks no repository on {options.RepositoryHost}: no webhook to write, and no GitHub deployments");
            return stack;
        }

        // Only hashes of hook tokens are stored: the URL to write is known where the token was issued.
        if (HookTokens.FindCurrent(stack, [context.UserTokens, context.DevTokens]) is not { } token)
        {
            context.Output.Fail($"the hook token of '{stack.Name}' is not known on this machine (only its hash is stored), so its hook URL " +
                $"cannot be written to GitHub: run `redeploy hook rotate -s {stack.Name}` here first; nothing was changed");
            return null;
        }

        var (synced, succeeded) = await GitHubHooks.SyncAsync(
            context, storage, stack, storage.Options.HookUrl(stack.Uid, token), context.Output.Line, cancellationToken);
        if (!succeeded)
        {
            // The hooks GitHub did take keep their secret hashes; continuous.deploy stays as it was.
            await storage.Stacks.SaveAsync(synced, stack, cancellationToken);
            context.Output.Fail($"{StackSettings.ContinuousDeploy} was not turned on: GitHub refused some repositories (above)");
            return null;
        }

        return synced;
    }
}
