using Redeploy.Core.Storage;

namespace Redeploy.Core;

/// <summary>Creates the tables and queues Redeploy uses, if they are missing.</summary>
public sealed class StorageSetup(
    TableStackStore stacks,
    RequestLog requests,
    RequestQueue requestQueue,
    JobQueue jobQueue,
    Deployments.DeploymentStorage? deployments = null,
    IEnumerable<IStorageSetupStep>? steps = null)
{
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await stacks.CreateTableAsync(cancellationToken);
        await requests.CreateTableAsync(cancellationToken);
        await requestQueue.CreateQueueAsync(cancellationToken);
        await jobQueue.CreateQueueAsync(cancellationToken);
        if (deployments is not null)
        {
            await deployments.CreateAsync(cancellationToken);
        }

        foreach (var step in steps ?? [])
        {
            await step.CreateAsync(cancellationToken);
        }
    }
}
