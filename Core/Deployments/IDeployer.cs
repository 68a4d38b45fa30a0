using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Deployments;

/// <summary>Hands a job to one kind of deployer (<see cref="DeployerTarget"/>).</summary>
public interface IDeployer
{
    /// <summary>
    /// True when delivering calls another service over the network: the job then goes through the outbox queue, with
    /// retries, and never runs inside the request processor.
    /// </summary>
    bool Outbound { get; }

    bool Handles(DeployerTarget target);

    Task<DeliveryAnswer> DeliverAsync(DeploymentJob job, DeployerTarget target, CancellationToken cancellationToken);
}
