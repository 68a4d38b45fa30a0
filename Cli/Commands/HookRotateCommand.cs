using System.CommandLine;
using Redeploy.Cli.Plumbing;
using Redeploy.Cli.Tokens;
using Redeploy.Core.GitHub;
using Redeploy.Core.Security;
using Redeploy.Core.Storage;

namespace Redeploy.Cli.Commands;

/// <summary><c>redeploy hook rotate -s NAME</c>: a new hook token; the current one keeps working for the grace period.</summary>
public static class HookRotateCommand
{
    public static Command Create(CliContext context, Option<string?> connection)
    {
        var stack = StackLookup.Option();
        var command = new Command(
            "rotate",
            "Issue a new hook token and print the new URL alone on stdout. The current token keeps working for the grace period " +
            "(Redeploy__TokenGracePeriod, default 24 hours); a token rotated out before that stops at once (a stack holds two at most).")
        {
            stack,
        };
        command.SetAction((parse, ct) => RunAsync(context, CliStorage.Open(context, parse.GetValue(connection)), parse.GetRequiredValue(stack), ct));
        return command;
    }

    public static Task<int> RunAsync(CliContext context, CliStorage storage, string name, CancellationToken cancellationToken) =>
        storage.RunAsync(context, async () =>
        {
            if (await StackLookup.FindAsync(context, storage, name, cancellationToken) is not { } stack)
            {
                return ExitCodes.Failed;
            }

            var now = context.Time.GetUtcNow();
            var (rotated, token) = StackTokens.Rotate(stack, now, storage.Options.TokenGracePeriod);
            await storage.Stacks.SaveAsync(rotated, stack, cancellationToken);
            context.UserTokens.Save(rotated.Uid, rotated.Name, token);
            var until = now + storage.Options.TokenGracePeriod;
            context.Output.Note($"New hook token for '{rotated.Name}'; the previous one works until {until:u}.");
            context.Output.Line(storage.Options.HookUrl(rotated.Uid, token));
            await UpdateGitHubHooksAsync(context, storage, rotated, token, until, cancellationToken);
            return ExitCodes.Ok;
        }, cancellationToken);

    /// <summary>A continuous.deploy stack's GitHub hooks take the new URL (CONTRACT §8); reported on stderr, stdout stays the URL.</summary>
    private static async Task UpdateGitHubHooksAsync(
        CliContext context, CliStorage storage, StoredStack stack, string token, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (!GitHubSettings.IsContinuousDeploy(stack))
        {
            return;
        }

        var options = GitHubHooks.ReadOptions(context);
        if (!options.HasCredentials || string.IsNullOrEmpty(stack.WebhookSecret))
        {
            context.Output.Warning($"'{stack.Name}' has continuous.deploy on, but {(options.HasCredentials ? "no webhook secret" : "no " + GitHubHooks.MissingCredentials + " are set here")}: " +
                $"its GitHub webhooks keep the previous URL, which stops working at {until:u}. Run `redeploy settings set -s {stack.Name} continuous.deploy true` with them.");
            return;
        }

        var (synced, succeeded) = await GitHubHooks.SyncAsync(context, storage, stack, storage.Options.HookUrl(stack.Uid, token), context.Output.Note, cancellationToken);
        await storage.Stacks.SaveAsync(synced, stack, cancellationToken);
        if (!succeeded)
        {
            context.Output.Warning($"some GitHub webhooks keep the previous URL, which stops working at {until:u}");
        }
    }
}
