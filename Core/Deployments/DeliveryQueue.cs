using System.Text.Json;
using Azure.Storage.Queues;

namespace Redeploy.Core.Deployments;

/// <summary>The outbox <c>deployer-deliveries</c>: a retry is the next attempt's message, made visible after its delay.</summary>
public sealed class DeliveryQueue(QueueServiceClient queues, RedeployOptions options)
{
    private readonly QueueClient queue = queues.GetQueueClient(options.DeliveryQueue);

    public string Name => queue.Name;

    public async Task CreateQueueAsync(CancellationToken cancellationToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await queues.GetQueueClient(QueueNames.Poison(queue.Name)).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    internal async Task<ScheduledMessage> SendAsync(DeliveryMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var receipt = await queue.SendMessageAsync(Serialize(message), visibilityTimeout: delay, cancellationToken: cancellationToken);
        return new ScheduledMessage(receipt.Value.MessageId, receipt.Value.PopReceipt, delay);
    }

    public static BinaryData Serialize(DeliveryMessage message) =>
        BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(message, CoreJsonContext.Default.DeliveryMessage));

    public static DeliveryMessage Deserialize(BinaryData body) =>
        JsonSerializer.Deserialize(body, CoreJsonContext.Default.DeliveryMessage) ?? throw new JsonException("empty delivery message");
}
