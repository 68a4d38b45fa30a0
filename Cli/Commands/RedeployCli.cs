using System.CommandLine;
using Redeploy.Cli.Plumbing;

namespace Redeploy.Cli.Commands;

/// <summary>The <c>redeploy</c> command tree, and running it with usage errors and exit codes handled alike everywhere.</summary>
public static class RedeployCli
{
    /// <summary>
    /// The command tree. <c>redeploy redeploy ...</c> gets a tree of its own: a subcommand may not share the root's name
    /// (System.CommandLine keys its tokens by name), so the contract's spelling is parsed apart.
    /// </summary>
    private static Command Build(CliContext context, bool redeployRedeploy)
    {
        var connection = ConnectionOption();
        if (redeployRedeploy)
        {
            var command = RedeployCommand.Create(context, connection);
            command.Options.Add(connection);
            command.Options.Add(new System.CommandLine.Help.HelpOption());
            return command;
        }

        return Build(context, connection);
    }

    private static bool IsRedeployRedeploy(IReadOnlyList<string> args) => args.Count > 0 && args[0] == RedeployCommand.Name;

    private static Option<string?> ConnectionOption() => new("--connection")
    {
        Description = "Storage connection string (default: AzureWebJobsStorage, else the local emulator UseDevelopmentStorage=true).",
        Recursive = true,
    };

    private static RootCommand Build(CliContext context, Option<string?> connection)
    {
        var root = new RootCommand(
            "Redeployment hooks: declare stacks, print and rotate their hook URLs, redeploy by hand, see what happened.\n" +
            "'redeploy -s NAME' (or 'redeploy redeploy -s NAME', see its --help) redeploys a stack by hand.\n" +
            "Storage: --connection, else AzureWebJobsStorage, else the local emulator. " + ExitCodes.Help)
        {
            connection,
            DevCommand.Create(context),
            new Command("stacks", "Declare and inspect stacks.")
            {
                StacksApplyCommand.Create(context, connection),
                StacksListCommand.Create(context, connection),
                StacksShowCommand.Create(context, connection),
            },
            new Command("hook", "The hook URL of a stack.")
            {
                HookUrlCommand.Create(context, connection),
                HookRotateCommand.Create(context, connection),
            },
            new Command("settings", "Stack settings.")
            {
                SettingsSetCommand.Create(context, connection),
            },
            DeploymentsCommand.Create(context, connection),
        };

        // `redeploy -s NAME` is a manual redeployment, like `redeploy redeploy -s NAME`.
        RedeployCommand.AddTo(root, context, connection);
        return root;
    }

    /// <param name="terminationTimeout">How long Ctrl+C waits for a command to stop; null leaves Ctrl+C alone (tests).</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, CliContext context, TimeSpan? terminationTimeout = null, CancellationToken cancellationToken = default)
    {
        var redeployRedeploy = IsRedeployRedeploy(args);
        var parse = Build(context, redeployRedeploy).Parse(redeployRedeploy ? args.Skip(1).ToList() : args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                context.Output.Fail(error.Message);
            }

            context.Output.Note("Run 'redeploy --help' (or 'redeploy COMMAND --help') for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(
                new InvocationConfiguration
                {
                    Output = context.Output.Out,
                    Error = context.Output.Error,
                    ProcessTerminationTimeout = terminationTimeout,
                    EnableDefaultExceptionHandler = false,
                },
                cancellationToken);
        }
        catch (SettingsException e)
        {
            context.Output.Fail(e.Message);
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug, not a user's mistake: the whole exception, for the report.
            context.Output.Fail($"unexpected: {e}");
            return ExitCodes.Failed;
        }
    }
}
