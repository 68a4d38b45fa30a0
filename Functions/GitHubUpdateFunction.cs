using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Redeploy.Core.GitHub;
using Redeploy.Core.Storage;

namespace Redeploy.Functions;

/// <summary>
/// The GitHub outbox: runs each message on <c>github-updates</c> (deployments and their statuses). An exception (GitHub's
/// 5xx, a lost connection) leaves the message to the host, which retries it and after maxDequeueCount moves it to
/// <c>github-updates-poison</c>.
/// </summary>
public sealed class GitHubUpdateFunction(GitHubUpdater updater)
{
    public const string Queue = GitHubUpdateQueue.Name;

    [Function("GitHubUpdate")]
    public async Task RunAsync(
        [QueueTrigger(Queue, Connection = StorageClients.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        using var queueSide = StorageTries.QueueSide();
        await updater.HandleAsync(GitHubUpdateQueue.Deserialize(message.Body), cancellationToken);
    }
}
