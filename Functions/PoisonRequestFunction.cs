using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Redeploy.Core;
using Redeploy.Core.Processing;
using Redeploy.Core.Storage;

namespace Redeploy.Functions;

/// <summary>Marks the request of each message that reached <c>redeploy-requests-poison</c> as failed.</summary>
public sealed class PoisonRequestFunction(RequestProcessor processor, ILogger<PoisonRequestFunction> logger)
{
    public const string Queue = ProcessRequestFunction.Queue + QueueNames.PoisonSuffix;

    /// <summary>The host's maxDequeueCount in host.json: how many attempts a poisoned message had.</summary>
    public const int Attempts = PipelineTimings.MaxDequeueCount;

    [Function("PoisonRequest")]
    public async Task RunAsync(
        [QueueTrigger(Queue, Connection = StorageClients.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        using var queueSide = StorageTries.QueueSide();
        RequestMessage request;
        try
        {
            request = RequestQueue.Deserialize(message.Body);
        }
        catch (JsonException)
        {
            // Not a request message at all: there is no request to mark. Dropped, with its id in the log.
            Log.UnreadablePoisonMessage(logger, message.MessageId);
            return;
        }

        await processor.MarkPoisonedAsync(request.StackUid, request.RequestId, Attempts, cancellationToken);
    }
}
