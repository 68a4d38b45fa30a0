using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Redeploy.Core;
using Redeploy.Core.Processing;
using Redeploy.Core.Storage;

namespace Redeploy.Functions;

/// <summary>
/// Runs the matching for each message on <c>redeploy-requests</c>. An exception leaves the message to the host, which
/// retries it and after maxDequeueCount (host.json) moves it to <c>redeploy-requests-poison</c>.
/// </summary>
public sealed class ProcessRequestFunction(RequestProcessor processor)
{
    public const string Queue = QueueNames.Requests;

    [Function("ProcessRequest")]
    public async Task RunAsync(
        [QueueTrigger(Queue, Connection = StorageClients.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        using var queueSide = StorageTries.QueueSide();
        await processor.ProcessAsync(RequestQueue.Deserialize(message.Body), cancellationToken);
    }
}
