using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Deployments;

/// <summary>The default deployer: the job as one message on <c>deployment-jobs</c>, written by the processor itself.</summary>
internal sealed class QueueDeployer(JobQueue jobs) : IDeployer
{
    public bool Outbound => false;

    public bool Handles(DeployerTarget target) => target is QueueTarget;

    public async Task<DeliveryAnswer> DeliverAsync(DeploymentJob job, DeployerTarget target, CancellationToken cancellationToken)
    {
        await jobs.SendAsync(job, cancellationToken);
        return DeliveryAnswer.Accepted;
    }
}
