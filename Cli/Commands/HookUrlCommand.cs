using System.CommandLine;
using Redeploy.Cli.Plumbing;
using Redeploy.Cli.Tokens;

namespace Redeploy.Cli.Commands;

/// <summary><c>redeploy hook url -s NAME</c>: the bare hook URL alone on stdout, for scripts.</summary>
public static class HookUrlCommand
{
    public static Command Create(CliContext context, Option<string?> connection)
    {
        var stack = StackLookup.Option();
        var command = new Command(
            "url",
            "Print the stack's hook URL alone on stdout. Only a hash of the token is stored, so the URL can be printed only where " +
            "the token is known: the local token cache that 'stacks apply' and 'hook rotate' write (REDEPLOY_TOKENS_FILE, default " +
            "~/.config/redeploy/tokens.json, mode 0600) or .azurite/dev-tokens.json of 'redeploy dev'. Elsewhere, 'hook rotate' " +
            "issues a new one.")
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

            if (HookTokens.FindCurrent(stack, [context.UserTokens, context.DevTokens]) is not { } token)
            {
                context.Output.Fail(
                    $"the hook token of '{stack.Name}' is not known on this machine (only its hash is stored): " +
                    $"`redeploy hook rotate -s {stack.Name}` issues a new one and prints its URL; the old one keeps working for {storage.Options.TokenGracePeriod}");
                return ExitCodes.Failed;
            }

            context.Output.Line(storage.Options.HookUrl(stack.Uid, token));
            return ExitCodes.Ok;
        }, cancellationToken);
}
