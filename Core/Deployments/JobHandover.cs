using Microsoft.Extensions.Logging;
using Redeploy.Core.Security;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Deployments;

/// <summary>
/// Hands a claimed request's job to the stack's deployer: a new job token (only its hash stored, in the jobs table, before
/// the job leaves), then either the deployer at once (queue) or the outbox (a deployer called over the network).
/// </summary>
public sealed class JobHandover(
    TableStackStore stacks,
    JobIndex jobIndex,
    Deployers deployers,
    DeliveryQueue outbox,
    RedeployOptions options,
    TimeProvider time,
    ILogger<JobHandover> logger)
{
    /// <summary>What the request reads while the outbox has its job.</summary>
    public const string DeliveringReason = "handing the job to the deployer";

    /// <summary>
    /// Hands over a dispatch resumed from its row: the deployer is read from the stacks table, and the job's earlier
    /// token keeps working beside the new one (the first job may be out already).
    /// </summary>
    public async Task<RequestRecord> HandOverAsync(RequestRecord record, CancellationToken cancellationToken)
    {
        var target = (await stacks.FindByUidAsync(record.StackUid, cancellationToken))?.Deployer ?? QueueTarget.Instance;
        var token = HookToken.New();
        await jobIndex.AddTokenAsync(record.RequestId, record.StackUid, HookToken.Hash(token), cancellationToken);
        return await SendAsync(record, target, token, cancellationToken);
    }

    /// <summary>
    /// Hands over a request the caller has just claimed from a state no job leaves (queued, waiting, skipped), to
    /// <paramref name="target"/>, the deployer of the stack as the caller read it: no job of it can be out, so its job
    /// row is written without a read.
    /// </summary>
    public async Task<RequestRecord> HandOverFirstAsync(RequestRecord record, DeployerTarget target, CancellationToken cancellationToken)
    {
        var token = HookToken.New();
        await jobIndex.AddFirstTokenAsync(record.RequestId, record.StackUid, HookToken.Hash(token), cancellationToken);
        return await SendAsync(record, target, token, cancellationToken);
    }

    /// <summary>The record to write once the job is out: dispatched, or delivering (reads queued) for an outbox deployer.</summary>
    private async Task<RequestRecord> SendAsync(RequestRecord record, DeployerTarget target, string token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var job = new DeploymentJob(DeploymentJob.CurrentVersion, record.RequestId, record.StackUid, record.StackName, record.Services ?? [], now)
        {
            RequestId = record.RequestId,
            CallbackUrl = options.CallbackUrl(record.RequestId, token),
        };
        var deployer = deployers.For(target);
        if (!deployer.Outbound)
        {
            var answer = await deployer.DeliverAsync(job, target, cancellationToken);
            return answer.Verdict == DeliveryVerdict.Accepted
                ? record with { Status = RequestStatus.Dispatched }
                : record with { Status = RequestStatus.Failed, Reason = answer.Reason };
        }

        await outbox.SendAsync(new DeliveryMessage(DeliveryMessage.CurrentVersion, record.StackUid, record.RequestId, 1, now, job), TimeSpan.Zero, cancellationToken);
        DeploymentLog.Outboxed(logger, record.RequestId, record.StackName, target.Kind);
        return record with { Status = RequestStatus.Delivering, Reason = DeliveringReason };
    }
}
