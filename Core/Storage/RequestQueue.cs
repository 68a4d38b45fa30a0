using System.Text.Json;
using Azure.Storage.Queues;

namespace Redeploy.Core.Storage;

/// <summary>The queue <c>redeploy-requests</c>, written by the intake and read by the queue-triggered processor.</summary>
public sealed class RequestQueue(QueueServiceClient queues, RedeployOptions options)
{
    /// <summary>Messages are kept well under the 64 KiB queue limit (Base64 adds a third).</summary>
    public const int MaxMessageBytes = 32 * 1024;

    private readonly QueueClient queue = queues.GetQueueClient(options.RequestQueue);

    /// <summary>Creates the queue and its poison queue, which the queue trigger polls too.</summary>
    public async Task CreateQueueAsync(CancellationToken cancellationToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await queues.GetQueueClient(queue.Name + "-poison").CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    public static BinaryData Serialize(RequestMessage message) =>
        BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(message, CoreJsonContext.Default.RequestMessage));

    public static RequestMessage Deserialize(BinaryData body) =>
        JsonSerializer.Deserialize(body, CoreJsonContext.Default.RequestMessage)
        ?? throw new JsonException("empty request message");

    public async Task SendAsync(BinaryData message, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(message, cancellationToken: cancellationToken);

    /// <summary>
    /// When the oldest message still waiting (visible) on the queue was put there, by the storage's clock; null when none
    /// waits. Messages being processed or waiting out a retry are not visible, so this is the head of the backlog.
    /// </summary>
    public async Task<DateTimeOffset?> OldestWaitingAsync(CancellationToken cancellationToken)
    {
        var peeked = await queue.PeekMessagesAsync(maxMessages: 1, cancellationToken);
        return peeked.Value is [var head, ..] ? head.InsertedOn : null;
    }
}
