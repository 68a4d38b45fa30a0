using System.CommandLine;
using Redeploy.Cli.Plumbing;
using Redeploy.Core.Stacks;

namespace Redeploy.Cli.Commands;

/// <summary><c>redeploy stacks list</c>: the stored stacks, one line each.</summary>
public static class StacksListCommand
{
    public static Command Create(CliContext context, Option<string?> connection)
    {
        var command = new Command("list", "The stored stacks: name, kind, deploy rule, services, secret set or not, continuous deploy.");
        command.SetAction((parse, ct) => RunAsync(context, CliStorage.Open(context, parse.GetValue(connection)), ct));
        return command;
    }

    public static Task<int> RunAsync(CliContext context, CliStorage storage, CancellationToken cancellationToken) =>
        storage.RunAsync(context, async () =>
        {
            var stacks = (await storage.Stacks.ListAsync(cancellationToken)).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
            if (stacks.Count == 0)
            {
                context.Output.Note("No stacks yet: `redeploy stacks apply -f FILE` declares them.");
                return ExitCodes.Ok;
            }

            context.Output.Table(
                ["stack", "kind", "deploy", "services", "secret", StackSettings.ContinuousDeploy],
                stacks.Select(s => (IReadOnlyList<string>)
                [
                    s.Name,
                    s.Definition.Kind.ToString().ToLowerInvariant(),
                    s.Definition.Deploy.Describe(),
                    s.Definition.Services.Count == 0 ? "-" : string.Join(", ", s.Definition.Services.Select(service => service.Name)),
                    s.DescribeWebhookSecret(),
                    StackSettings.Describe(s.Settings, s.Name, StackSettings.ContinuousDeploy),
                ]));
            return ExitCodes.Ok;
        }, cancellationToken);
}
