using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Redeploy.Cli.Plumbing;
using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Intake;
using Redeploy.Core.Matching;
using Redeploy.Core.Storage;

namespace Redeploy.Cli.Commands;

/// <summary>
/// <c>redeploy redeploy -s NAME [--services a,b] [--git-ref SHA]</c> (also <c>redeploy -s NAME ...</c>): a manual
/// redeployment through the same queue as the hooks, followed to its end.
/// </summary>
public static class RedeployCommand
{
    private const string Description =
        "Redeploy a stack by hand, through the same queue as its hook: --services deploys those services (as ?services= on the " +
        "hook URL); --git-ref builds the stack's Git services at that commit. Prints the request id, then follows its status " +
        "(polling every 500 ms) until it ends: exit 0 when dispatched, 1 when skipped, failed or still not finished after " +
        "--timeout seconds (0: queue and return).";

    public const string Name = "redeploy";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static Command Create(CliContext context, Option<string?> connection)
    {
        var command = new Command(Name, Description);
        AddTo(command, context, connection, StackLookup.Option());
        return command;
    }

    /// <summary>Makes <c>redeploy -s NAME</c> (the root command with -s) a manual redeployment as well.</summary>
    public static void AddTo(RootCommand root, CliContext context, Option<string?> connection)
    {
        var stack = StackLookup.Option();
        stack.Required = false;
        stack.Description = "Redeploy this stack (see 'redeploy redeploy --help').";
        AddTo(root, context, connection, stack);
    }

    private static void AddTo(Command command, CliContext context, Option<string?> connection, Option<string> stack)
    {
        var services = new Option<string[]>("--services") { Description = "Services to deploy, comma-separated (Docker stacks)." };
        var gitRef = new Option<string?>("--git-ref") { Description = "The commit to build at (7 to 64 hex characters)." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to follow the request (0: do not follow).", DefaultValueFactory = _ => 60 };
        command.Options.Add(stack);
        command.Options.Add(services);
        command.Options.Add(gitRef);
        command.Options.Add(timeout);
        command.SetAction((parse, ct) =>
        {
            if (parse.GetValue(stack) is not { Length: > 0 } name)
            {
                context.Output.Fail("which stack? `redeploy -s NAME` redeploys one; `redeploy --help` lists the commands");
                return Task.FromResult(ExitCodes.Usage);
            }

            var request = new Request(name, parse.GetValue(services) ?? [], parse.GetValue(gitRef), TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(timeout))));
            return RunAsync(context, CliStorage.Open(context, parse.GetValue(connection)), request, ct);
        });
    }

    public static Task<int> RunAsync(CliContext context, CliStorage storage, Request request, CancellationToken cancellationToken) =>
        storage.RunAsync(context, async () =>
        {
            if (await StackLookup.FindAsync(context, storage, request.Stack, cancellationToken) is not { } stack)
            {
                return ExitCodes.Failed;
            }

            var queued = await storage.Services.GetRequiredService<ManualRedeploy>()
                .QueueAsync(stack, request.Services, request.GitRef, cancellationToken);
            if (!queued.Succeeded)
            {
                context.Output.Fail(queued.Failure.Detail);
                return ExitCodes.Failed;
            }

            context.Output.Line(queued.Value);
            return request.Timeout == TimeSpan.Zero
                ? ExitCodes.Ok
                : await FollowAsync(context, storage, stack, queued.Value, request.Timeout, cancellationToken);
        }, cancellationToken);

    private static async Task<int> FollowAsync(
        CliContext context, CliStorage storage, StoredStack stack, string requestId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = context.Time.GetUtcNow() + timeout;
        string? shown = null;
        while (true)
        {
            var record = await storage.Requests.GetAsync(stack.Uid, requestId, cancellationToken);
            var word = record?.Status.ToWord() ?? "unknown";
            if (word != shown)
            {
                context.Output.Line(record is null ? "status: unknown (the request row is gone)" : Describe(record));
                shown = word;
            }

            // A job still in the outbox (a webhook deployer not answering yet) is not handed over: keep following.
            if (record is null || (record.Status.IsFinal() && record.Status != RequestStatus.Delivering))
            {
                return record?.Status is RequestStatus.Dispatched or RequestStatus.Deploying or RequestStatus.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
            }

            if (context.Time.GetUtcNow() >= deadline)
            {
                context.Output.Fail(
                    $"request {requestId} is still {word} after {timeout.TotalSeconds:0} s: is the queue processing running " +
                    "(`redeploy dev`, or the Function App)? `redeploy deployments -s " + stack.Name + "` shows how it ends");
                return ExitCodes.Failed;
            }

            await Task.Delay(PollInterval, context.Time, cancellationToken);
        }
    }

    public static string Describe(RequestRecord record)
    {
        var text = $"status: {record.Status.ToWord()}";
        if (record.Reason is { Length: > 0 } reason)
        {
            text += $" ({reason})";
        }

        return record.Services is { Count: > 0 } services ? $"{text}: {DescribeServices(services)}" : text;
    }

    public static string DescribeServices(IReadOnlyList<ServiceDeployment> services) =>
        string.Join(", ", services.Select(s => s.Commit is { } commit ? $"{s.Name}@{PushSummary.ShortCommit(commit)}"
            : s.Branch is { } branch ? $"{s.Name} ({branch})"
            : s.Name));

    /// <summary>What to redeploy, as the command line gave it.</summary>
    public sealed record Request(string Stack, IReadOnlyList<string> Services, string? GitRef, TimeSpan Timeout);
}
