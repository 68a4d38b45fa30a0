using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Redeploy.Core;
using Redeploy.Core.Deployments;
using Redeploy.Core.Storage;

namespace Redeploy.Functions;

/// <summary>
/// The outbox: one attempt to hand a job to a deployer called over the network, for each message on
/// <c>deployer-deliveries</c>. A retry is a new message with a visibility delay; an exception (storage trouble) leaves the
/// message to the host's retries and, after them, to <c>deployer-deliveries-poison</c>.
/// </summary>
public sealed class DeliverJobFunction(DeliveryOutbox outbox)
{
    public const string Queue = QueueNames.Deliveries;

    [Function("DeliverJob")]
    public async Task RunAsync(
        [QueueTrigger(Queue, Connection = StorageClients.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        using var queueSide = StorageTries.QueueSide();
        await outbox.DeliverAsync(DeliveryQueue.Deserialize(message.Body), cancellationToken);
    }
}
