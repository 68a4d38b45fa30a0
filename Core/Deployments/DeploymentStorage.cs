using Azure.Storage.Queues;

namespace Redeploy.Core.Deployments;

/// <summary>Creates what the deployment's life needs: the jobs table, the outbox and the deployment-events queue (with their poison queues).</summary>
public sealed class DeploymentStorage(JobIndex jobs, DeliveryQueue outbox, QueueServiceClient queues, RedeployOptions options)
{
    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        await jobs.CreateTableAsync(cancellationToken);
        await outbox.CreateQueueAsync(cancellationToken);
        await queues.GetQueueClient(options.EventQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await queues.GetQueueClient(QueueNames.Poison(options.EventQueue)).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
