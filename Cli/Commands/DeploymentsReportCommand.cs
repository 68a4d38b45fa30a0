using System.Buffers;
using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Redeploy.Cli.Plumbing;
using Redeploy.Core.Deployments;
using Redeploy.Core.GitHub;
using Redeploy.Core.Storage;

namespace Redeploy.Cli.Commands;

/// <summary>
/// <c>redeploy deployments report -s NAME --job ID --state STATE ...</c>: one report on a job, as a deployer would send
/// it (CONTRACT §7), checked by the same reader and rules as the callback URL; storage access stands in for the job token.
/// </summary>
public static class DeploymentsReportCommand
{
    public static Command Create(CliContext context, Option<string?> connection)
    {
        var stack = StackLookup.Option();
        var job = new Option<string>("--job") { Description = "The job id (the request id, as `deployments` lists it).", Required = true };
        var state = new Option<string>("--state") { Description = "started, succeeded, failed or cancelled.", Required = true };
        state.AcceptOnlyFromAmong([.. DeploymentReport.States]);
        var description = new Option<string?>("--description") { Description = "What happened, for failed or cancelled (cut to 140 characters)." };
        var logUrl = new Option<string?>("--log-url") { Description = "Where the deployment's log is (http or https)." };
        var environmentUrl = new Option<string?>("--environment-url") { Description = "Where the deployed environment is (http or https)." };
        var command = new Command("report", "Reports on a job as its deployer would: started, succeeded, failed or cancelled.")
        {
            stack, job, state, description, logUrl, environmentUrl,
        };
        command.SetAction((parse, ct) => RunAsync(
            context,
            CliStorage.Open(context, parse.GetValue(connection)),
            parse.GetRequiredValue(stack),
            parse.GetRequiredValue(job),
            new DeploymentReport(parse.GetRequiredValue(state), parse.GetValue(description), parse.GetValue(logUrl), parse.GetValue(environmentUrl)),
            ct));
        return command;
    }

    public static Task<int> RunAsync(CliContext context, CliStorage storage, string name, string jobId, DeploymentReport given, CancellationToken cancellationToken) =>
        storage.RunAsync(context, async () =>
        {
            var read = ReportReader.Read(Serialize(given));
            if (!read.Succeeded)
            {
                context.Output.Fail(read.Failure.Detail.Replace("logUrl", "--log-url").Replace("environmentUrl", "--environment-url"));
                return ExitCodes.Failed;
            }

            if (await StackLookup.FindAsync(context, storage, name, cancellationToken) is not { } stack)
            {
                return ExitCodes.Failed;
            }

            // With GitHub settings here (as for `settings set continuous.deploy`), a continuous.deploy stack's GitHub
            // deployment gets the report's status, through the same outbox the Functions app runs.
            var events = storage.Services.GetRequiredService<DeploymentEvents>();
            if (await events.FindJobAsync(jobId, cancellationToken) is not { } job || job.StackUid != stack.Uid)
            {
                context.Output.Fail($"no job {jobId} for stack '{stack.Name}': `redeploy deployments -s {stack.Name}` lists its requests");
                return ExitCodes.Failed;
            }

            var result = await events.ApplyAsync(job, read.Value.Report, cancellationToken);
            switch (result.Transition)
            {
                case { Kind: TransitionKind.Applied } applied:
                    context.Output.Line($"status: {applied.Status.ToWord()}");
                    return ExitCodes.Ok;
                case { Kind: TransitionKind.Duplicate } duplicate:
                    context.Output.Line($"status: {duplicate.Status.ToWord()} (the same report as the last one: nothing changed)");
                    return ExitCodes.Ok;
                case { } conflict:
                    context.Output.Fail($"the deployment is {conflict.Status.ToWord()}: a {given.State} report cannot change it");
                    return ExitCodes.Failed;
                default:
                    context.Output.Fail($"request {jobId} is gone");
                    return ExitCodes.Failed;
            }
        }, cancellationToken);

    private static byte[] Serialize(DeploymentReport report)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("state", report.State);
            WriteIfSet(writer, "description", report.Description);
            WriteIfSet(writer, "logUrl", report.LogUrl);
            WriteIfSet(writer, "environmentUrl", report.EnvironmentUrl);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
