using System.Text.Json;
using Azure.Storage.Queues;

namespace Redeploy.Core.Storage;

/// <summary>The queue <c>deployment-jobs</c> that the deployer reads: one message per deployment.</summary>
public sealed class JobQueue(QueueServiceClient queues, RedeployOptions options)
{
    private readonly QueueClient queue = queues.GetQueueClient(options.JobQueue);

    public Task CreateQueueAsync(CancellationToken cancellationToken) => queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public async Task SendAsync(DeploymentJob job, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(job, CoreJsonContext.Default.DeploymentJob)), cancellationToken: cancellationToken);

    public static DeploymentJob Deserialize(BinaryData body) =>
        JsonSerializer.Deserialize(body, CoreJsonContext.Default.DeploymentJob) ?? throw new JsonException("empty job");
}
