using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Redeploy.Core;
using Redeploy.Core.Deployments;
using Redeploy.Core.Storage;

namespace Redeploy.Functions;

/// <summary>Marks the request of each message that reached <c>deployer-deliveries-poison</c> as failed.</summary>
public sealed class PoisonDeliveryFunction(DeliveryOutbox outbox, ILogger<PoisonDeliveryFunction> logger)
{
    public const string Queue = DeliverJobFunction.Queue + QueueNames.PoisonSuffix;

    [Function("PoisonDelivery")]
    public async Task RunAsync(
        [QueueTrigger(Queue, Connection = StorageClients.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        using var queueSide = StorageTries.QueueSide();
        DeliveryMessage delivery;
        try
        {
            delivery = DeliveryQueue.Deserialize(message.Body);
        }
        catch (JsonException)
        {
            Log.UnreadablePoisonMessage(logger, message.MessageId);
            return;
        }

        await outbox.MarkPoisonedAsync(delivery, PoisonRequestFunction.Attempts, cancellationToken);
    }
}
