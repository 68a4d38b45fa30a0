using System.Text.Json;
using Azure.Storage.Queues;

namespace Redeploy.Core.GitHub;

/// <summary>The outbox queue <c>github-updates</c>: every GitHub call about deployments runs from it, never from a hook's answer.</summary>
public sealed class GitHubUpdateQueue
{
    /// <summary>Fixed by the queue trigger, like <c>redeploy-requests</c>.</summary>
    public const string Name = QueueNames.GitHubUpdates;

    private readonly QueueServiceClient queues;
    private readonly QueueClient queue;
    private volatile bool created;

    public GitHubUpdateQueue(QueueServiceClient queues)
        : this(queues, Name)
    {
    }

    /// <summary>Under another name: tests, which share one storage emulator.</summary>
    internal GitHubUpdateQueue(QueueServiceClient queues, string name)
    {
        this.queues = queues;
        queue = queues.GetQueueClient(name);
    }

    public async Task CreateQueueAsync(CancellationToken cancellationToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await queues.GetQueueClient(QueueNames.Poison(queue.Name)).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        created = true;
    }

    /// <summary>Sends <paramref name="update"/>, visible after <paramref name="delay"/> (how a rate limit is waited out: no sleeping).</summary>
    public async Task SendAsync(GitHubUpdate update, TimeSpan? delay, CancellationToken cancellationToken)
    {
        if (!created)
        {
            await CreateQueueAsync(cancellationToken);
        }

        await queue.SendMessageAsync(
            BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(update, CoreJsonContext.Default.GitHubUpdate)),
            visibilityTimeout: delay,
            cancellationToken: cancellationToken);
    }

    public static GitHubUpdate Deserialize(BinaryData body) =>
        JsonSerializer.Deserialize(body, CoreJsonContext.Default.GitHubUpdate) ?? throw new JsonException("empty GitHub update");
}
