using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Redeploy.Core.GitHub;
using Redeploy.Core.Storage;

namespace Redeploy.Functions;

/// <summary>Records on the request's GitHub deployments that the update of each message on <c>github-updates-poison</c> was not posted.</summary>
public sealed class PoisonGitHubUpdateFunction(GitHubUpdater updater, ILogger<PoisonGitHubUpdateFunction> logger)
{
    public const string Queue = GitHubUpdateFunction.Queue + "-poison";

    [Function("PoisonGitHubUpdate")]
    public async Task RunAsync(
        [QueueTrigger(Queue, Connection = StorageClients.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        using var queueSide = StorageTries.QueueSide();
        GitHubUpdate update;
        try
        {
            update = GitHubUpdateQueue.Deserialize(message.Body);
        }
        catch (JsonException)
        {
            Log.UnreadablePoisonMessage(logger, message.MessageId);
            return;
        }

        await updater.MarkPoisonedAsync(update, PoisonRequestFunction.Attempts, cancellationToken);
    }
}
