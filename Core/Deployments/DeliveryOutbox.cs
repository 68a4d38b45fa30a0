using Microsoft.Extensions.Logging;
using Redeploy.Core.Observers;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Deployments;

/// <summary>
/// The queue-side use case of the outbox: one attempt to hand a job to an outbound deployer. Before it calls out it claims
/// the attempt on the request row with a conditional write, so that a message handled twice (at-least-once queues) calls
/// the deployer once; a retry is the next attempt's message with a visibility delay, never a sleep.
/// </summary>
public sealed class DeliveryOutbox(
    TableStackStore stacks,
    RequestLog requests,
    Deployers deployers,
    DeliveryQueue outbox,
    RedeployOptions options,
    TimeProvider time,
    ILogger<DeliveryOutbox> logger,
    IDeploymentObserver? observer = null)
{
    private const int MaxWriteAttempts = 5;

    /// <summary>How long a claimed attempt belongs to the copy that claimed it: longer than a call to the deployer can take.</summary>
    public TimeSpan Lease => options.DeployerTimeout + TimeSpan.FromSeconds(20);

    /// <summary>How long a message that overtook the processor's last write waits before it looks again.</summary>
    public static readonly TimeSpan ProcessorWait = TimeSpan.FromSeconds(2);

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        if (message.Version != DeliveryMessage.CurrentVersion)
        {
            throw new NotSupportedException($"delivery message version {message.Version} is not known to this outbox");
        }

        for (var write = 0; write < MaxWriteAttempts; write++)
        {
            var record = await requests.GetAsync(message.StackUid, message.RequestId, cancellationToken);

            // The processor queues the job before it records Delivering: wait for that write rather than race it (a claim
            // here would make the processor see its own claim as changed and, after its lease, send the job again).
            if (record?.Status == RequestStatus.Dispatching)
            {
                return new DeliveryOutcome(DeliveryResult.Busy, Next: await outbox.SendAsync(message, ProcessorWait, cancellationToken));
            }

            if (record is null || !Lifecycle.AwaitsDelivery(record.Status) || record.DeliveryAttempt > message.Attempt)
            {
                return new DeliveryOutcome(DeliveryResult.Stale);
            }

            var claimAge = time.GetUtcNow() - (record.UpdatedAt ?? DateTimeOffset.MinValue);
            if (record.DeliveryAttempt == message.Attempt && claimAge < Lease)
            {
                return new DeliveryOutcome(DeliveryResult.Busy, Next: await outbox.SendAsync(message, Clamp(Lease - claimAge), cancellationToken));
            }

            var claimed = await requests.TryUpdateAsync(record with { DeliveryAttempt = message.Attempt }, cancellationToken);
            if (claimed is not null)
            {
                return await AttemptAsync(message, claimed, cancellationToken);
            }
        }

        throw new InvalidOperationException($"request {message.RequestId} kept changing under the outbox");
    }

    /// <summary>Called for an outbox message that reached the poison queue (storage kept failing): its request reads failed.</summary>
    public async Task MarkPoisonedAsync(DeliveryMessage message, int attempts, CancellationToken cancellationToken)
    {
        var record = await requests.GetAsync(message.StackUid, message.RequestId, cancellationToken);
        if (record is not null && record.DeliveryAttempt <= message.Attempt)
        {
            var reason = $"delivery to the deployer not confirmed after {attempts} attempts: the job may have been sent";
            if (await UpdateAsync(record, r => r with { Status = RequestStatus.Failed, Reason = reason }, cancellationToken))
            {
                DeploymentLog.DeliveryFailed(logger, message.RequestId, message.Attempt, reason);
                await NotifyFailedAsync(message, reason, cancellationToken);
            }
        }
    }

    private async Task<DeliveryOutcome> AttemptAsync(DeliveryMessage message, RequestRecord claimed, CancellationToken cancellationToken)
    {
        var target = (await stacks.FindByUidAsync(message.StackUid, cancellationToken))?.Deployer;
        var answer = target is null
            ? DeliveryAnswer.Refused("the stack no longer exists")
            : await deployers.For(target).DeliverAsync(message.Job, target, cancellationToken);

        switch (answer.Verdict)
        {
            case DeliveryVerdict.Accepted:
                await UpdateAsync(claimed, r => r with { Status = Lifecycle.Accepted(r.Status), Reason = r.Status == RequestStatus.Delivering ? null : r.Reason }, cancellationToken);
                DeploymentLog.Delivered(logger, message.RequestId, message.Attempt);
                return new DeliveryOutcome(DeliveryResult.Delivered);
            case DeliveryVerdict.Retry when RetryPolicy.Next(message.Attempt, answer.RetryAfter, message.FirstAttemptAt, time.GetUtcNow(), options.DeliveryWindow) is { } delay:
                await UpdateAsync(claimed, r => r with { Reason = $"{answer.Reason}, retrying" }, cancellationToken);
                var next = await outbox.SendAsync(message with { Attempt = message.Attempt + 1 }, Clamp(delay), cancellationToken);
                DeploymentLog.Retrying(logger, message.RequestId, message.Attempt, answer.Reason, delay);
                return new DeliveryOutcome(DeliveryResult.Retrying, answer.Reason, next);
            default:
                var reason = answer.Verdict == DeliveryVerdict.Retry
                    ? $"the deployer did not accept the job within {Hours(options.DeliveryWindow)}: {answer.Reason}"
                    : answer.Reason;
                var failed = await UpdateAsync(claimed, r => r with { Status = RequestStatus.Failed, Reason = reason }, cancellationToken);
                DeploymentLog.DeliveryFailed(logger, message.RequestId, message.Attempt, reason);

                if (failed)
                {
                    await NotifyFailedAsync(message, reason, cancellationToken);
                }

                return new DeliveryOutcome(DeliveryResult.Failed, reason);
        }
    }

    // GitHub shows the deployment that was queued as an error; only when the failure was written (a report that moved the
    // request on meanwhile wins).
    private async Task NotifyFailedAsync(DeliveryMessage message, string reason, CancellationToken cancellationToken)
    {
        if (observer is not null)
        {
            await observer.OnStateAsync(message.StackUid, message.RequestId, DeploymentState.Unreachable, new Observers.DeploymentReport(reason), cancellationToken);
        }
    }

    /// <summary>
    /// Writes <paramref name="change"/> while the job still awaits delivery; a report that moved the request on wins.
    /// True when the change was written.
    /// </summary>
    private async Task<bool> UpdateAsync(RequestRecord record, Func<RequestRecord, RequestRecord> change, CancellationToken cancellationToken)
    {
        for (var write = 0; write < MaxWriteAttempts; write++)
        {
            if (!Lifecycle.AwaitsDelivery(record.Status))
            {
                return false;
            }

            if (await requests.TryUpdateAsync(change(record), cancellationToken) is not null)
            {
                return true;
            }

            record = await requests.GetAsync(record.StackUid, record.RequestId, cancellationToken)
                ?? throw new InvalidOperationException($"request {record.RequestId} vanished during delivery");
        }

        throw new InvalidOperationException($"request {record.RequestId} kept changing under the outbox");
    }

    // A queue message may be hidden for at most 7 days; the delivery window keeps delays far below that.
    private static TimeSpan Clamp(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay;

    private static string Hours(TimeSpan window) => window.TotalHours >= 1 ? $"{window.TotalHours:0.#} h" : $"{window.TotalMinutes:0.#} min";
}
