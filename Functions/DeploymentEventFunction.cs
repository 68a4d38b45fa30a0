using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Redeploy.Core;
using Redeploy.Core.Deployments;
using Redeploy.Core.Storage;

namespace Redeploy.Functions;

/// <summary>
/// Reports on <c>deployment-events</c> (CONTRACT §7), for deployers inside Azure: the queue is trusted as
/// <c>deployment-jobs</c> is, so no job token. A message that is not a report throws (the host retries it, then moves it
/// to <c>deployment-events-poison</c>); a report for an unknown job, or one not allowed, is logged and dropped.
/// </summary>
public sealed class DeploymentEventFunction(DeploymentEvents events, ILogger<DeploymentEventFunction> logger)
{
    public const string Queue = QueueNames.DeploymentEvents;

    [Function("DeploymentEvent")]
    public async Task RunAsync(
        [QueueTrigger(Queue, Connection = StorageClients.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        using var queueSide = StorageTries.QueueSide();
        var (jobId, report) = EventMessages.Read(message.Body);
        if (await events.FindJobAsync(jobId, cancellationToken) is not { } job)
        {
            Log.UnknownJobReport(logger, message.MessageId, report.State);
            return;
        }

        // Not allowed or a duplicate: DeploymentEvents has logged it; nothing else changes.
        _ = await events.ApplyAsync(job, report, cancellationToken);
    }
}
