using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Redeploy.Core;
using Redeploy.Core.Storage;

namespace Redeploy.Functions;

/// <summary>Logs and drops each message that reached <c>deployment-events-poison</c>: it was not a report, and changes nothing.</summary>
public sealed class PoisonDeploymentEventFunction(ILogger<PoisonDeploymentEventFunction> logger)
{
    public const string Queue = DeploymentEventFunction.Queue + QueueNames.PoisonSuffix;

    [Function("PoisonDeploymentEvent")]
    public Task RunAsync(
        [QueueTrigger(Queue, Connection = StorageClients.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        Log.PoisonDeploymentEvent(logger, message.MessageId, message.DequeueCount);
        return Task.CompletedTask;
    }
}
