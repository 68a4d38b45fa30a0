using System.CommandLine;
using Redeploy.Cli.Plumbing;
using Redeploy.Core.Deployments;
using Redeploy.Core.Intake;
using Redeploy.Core.Storage;

namespace Redeploy.Cli.Commands;

/// <summary><c>redeploy deployments -s NAME</c>: the stack's recent requests, newest first, with their outcome.</summary>
public static class DeploymentsCommand
{
    public static Command Create(CliContext context, Option<string?> connection)
    {
        var stack = StackLookup.Option();
        var count = new Option<int>("--count", "-n") { Description = "How many requests to show.", DefaultValueFactory = _ => 20 };
        var command = new Command("deployments", "The stack's recent requests, newest first: when (UTC), sender, outcome, services and commits, last change, links.")
        {
            stack,
            count,
            DeploymentsReportCommand.Create(context, connection),
        };
        command.SetAction((parse, ct) => RunAsync(
            context, CliStorage.Open(context, parse.GetValue(connection)), parse.GetRequiredValue(stack), Math.Max(1, parse.GetValue(count)), ct));
        return command;
    }

    public static Task<int> RunAsync(CliContext context, CliStorage storage, string name, int count, CancellationToken cancellationToken) =>
        storage.RunAsync(context, async () =>
        {
            if (await StackLookup.FindAsync(context, storage, name, cancellationToken) is not { } stack)
            {
                return ExitCodes.Failed;
            }

            var records = await storage.Requests.ListRecentAsync(stack.Uid, count, cancellationToken);
            if (records.Count == 0)
            {
                context.Output.Note($"No requests for '{stack.Name}' yet.");
                return ExitCodes.Ok;
            }

            context.Output.Table(
                ["when", "sender", "request", "outcome", "services", "updated", "links", "id"],
                records.Select(r => (IReadOnlyList<string>)
                [
                    r.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss"),
                    r.Sender,
                    r.Summary ?? string.Empty,
                    Outcome(r),
                    r.Services is { Count: > 0 } services ? RedeployCommand.DescribeServices(services) : "-",
                    DeploymentFields.UpdatedAt(r).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss"),
                    Links(r),
                    r.RequestId,
                ]));
            return ExitCodes.Ok;
        }, cancellationToken);

    // "waiting for CI on 9f3c1a2" says its status itself.
    private static string Outcome(RequestRecord r) => r.Reason is not { Length: > 0 } reason
        ? r.Status.ToWord()
        : reason.StartsWith(r.Status.ToWord(), StringComparison.Ordinal) ? reason : $"{r.Status.ToWord()}: {reason}";

    private static string Links(RequestRecord record)
    {
        var links = new List<string>(2);
        if (record.LogUrl is { } log)
        {
            links.Add($"log {log}");
        }

        if (record.EnvironmentUrl is { } environment)
        {
            links.Add($"env {environment}");
        }

        return links.Count == 0 ? "-" : string.Join(" ", links);
    }
}
