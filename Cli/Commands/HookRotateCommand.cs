using System.CommandLine;
using Redeploy.Cli.Tokens;

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
            var (rotated, token) = HookTokens.Rotate(stack, now, storage.Options.TokenGracePeriod);
            await storage.Stacks.SaveAsync(rotated, stack, cancellationToken);
            context.UserTokens.Save(rotated.Uid, rotated.Name, token);
            context.Output.Note($"New hook token for '{rotated.Name}'; the previous one works until {(now + storage.Options.TokenGracePeriod):u}.");
            context.Output.Line(storage.Options.HookUrl(rotated.Uid, token));
            return ExitCodes.Ok;
        }, cancellationToken);
}
