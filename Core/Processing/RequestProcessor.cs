using Microsoft.Extensions.Logging;
using Redeploy.Core.Deployments;
using Redeploy.Core.Hooks;
using Redeploy.Core.Matching;
using Redeploy.Core.Observers;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Processing;

/// <summary>
/// The queue-side use case: a request message in; the stack's rules run; the outcome recorded and, for a deployment,
/// one job written. Handling the same message again never writes a second job (see docs/decisions.md).
/// </summary>
public sealed class RequestProcessor(
    TableStackStore stacks,
    RequestLog requests,
    JobHandover handover,
    TimeProvider time,
    ILogger<RequestProcessor> logger,
    IDeploymentObserver? observer = null)
{
    private const int MaxWriteAttempts = 5;

    /// <summary>How long a claim to dispatch belongs to the attempt that made it; shorter than the host's retries add up to.</summary>
    public static readonly TimeSpan DispatchLease = TimeSpan.FromSeconds(15);

    public async Task<RequestStatus> ProcessAsync(RequestMessage message, CancellationToken cancellationToken)
    {
        if (message.Version != RequestMessage.CurrentVersion)
        {
            // Thrown, not recorded: after the host's retries the message goes to the poison queue and reads failed.
            throw new NotSupportedException($"request message version {message.Version} is not known to this processor");
        }

        // A conditional write loses when the intake marks the row enqueued meanwhile: read again and decide again.
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            // A queued message whose row is missing (the intake's rollback after a send it believed failed) still runs.
            var record = await requests.GetAsync(message.StackUid, message.RequestId, cancellationToken)
                ?? (await requests.TryCreateAsync(
                    new RequestRecord(message.StackUid, message.RequestId, string.Empty, RequestStatus.Queued, time.GetUtcNow(), "unknown", null, PushSummary.Describe(message.ToPushes())) { Message = RequestQueue.Serialize(message) },
                    cancellationToken)).Record;
            if (await TryHandleAsync(message, record with { Enqueued = true }, cancellationToken) is { } status)
            {
                return status;
            }
        }

        throw new InvalidOperationException($"request {message.RequestId} kept changing under the processor");
    }

    /// <summary>Handles the request from the row as read; null when the row changed before our write.</summary>
    private async Task<RequestStatus?> TryHandleAsync(RequestMessage message, RequestRecord record, CancellationToken cancellationToken)
    {
        if (record.Status.IsFinal())
        {
            Log.AlreadyHandled(logger, record.RequestId, record.Status.ToWord());
            return record.Status;
        }

        if (record.Status == RequestStatus.Dispatching)
        {
            // A fresh claim belongs to an attempt that is sending the job now (a second copy of the message): leave it,
            // and let the host try this copy again later. A stale one was left by an attempt that died before or after
            // sending: take it over with a conditional write, so only one attempt resumes.
            if (time.GetUtcNow() - (record.UpdatedAt ?? DateTimeOffset.MinValue) < DispatchLease)
            {
                throw new InvalidOperationException($"request {record.RequestId} is being dispatched by another attempt");
            }

            var resumed = await requests.TryUpdateAsync(record, cancellationToken);
            if (resumed is null)
            {
                return null;
            }

            Log.ResumingDispatch(logger, record.RequestId);
            return await SendJobAsync(resumed, cancellationToken);
        }

        var stack = await stacks.FindByUidAsync(message.StackUid, cancellationToken);
        if (stack is null)
        {
            return await FinishAsync(record with { Status = RequestStatus.Failed, Reason = "the stack no longer exists" }, cancellationToken);
        }

        record = record with { StackName = stack.Name };

        var modifier = ServicesModifier.Parse(message.Services ?? [], stack.Definition);
        if (!modifier.Succeeded)
        {
            return await FinishAsync(record with { Status = RequestStatus.Failed, Reason = modifier.Failure.Detail }, cancellationToken);
        }

        switch (ServiceMatcher.Decide(stack.Definition, message.ToPushes(), modifier.Value))
        {
            case SkipDecision skip:
                return await FinishAsync(record with { Status = RequestStatus.Skipped, Reason = skip.Reason }, cancellationToken);
            case DeployDecision deploy:
                var claimed = await requests.TryUpdateAsync(record with { Status = RequestStatus.Dispatching, Services = deploy.Services }, cancellationToken);
                return claimed is null ? null : await SendJobAsync(claimed, cancellationToken);
            default:
                throw new InvalidOperationException("unknown decision");
        }
    }

    /// <summary>Called for a message that reached the poison queue: its request reads failed.</summary>
    public async Task MarkPoisonedAsync(string stackUid, string requestId, int attempts, CancellationToken cancellationToken)
    {
        var record = await requests.GetAsync(stackUid, requestId, cancellationToken);
        if (record is null || record.Status.IsFinal())
        {
            return;
        }

        // A request left dispatching may have had its job sent: say so rather than claim nothing happened.
        var reason = record.Status == RequestStatus.Dispatching
            ? $"dispatch not confirmed after {attempts} attempts: the job may have been sent"
            : $"processing failed after {attempts} attempts";
        _ = await FinishAsync(record with { Status = RequestStatus.Failed, Reason = reason, Enqueued = true }, cancellationToken);
    }

    private async Task<RequestStatus?> SendJobAsync(RequestRecord record, CancellationToken cancellationToken)
    {
        var status = await FinishAsync(await handover.HandOverAsync(record, cancellationToken), cancellationToken);

        // GitHub shows the deployment as soon as the services are decided, while a deployer is still being reached.
        if (status is RequestStatus.Dispatched or RequestStatus.Delivering && observer is not null)
        {
            await observer.OnStateAsync(record.StackUid, record.RequestId, DeploymentState.Dispatched, null, cancellationToken);
        }

        return status;
    }

    private async Task<RequestStatus?> FinishAsync(RequestRecord record, CancellationToken cancellationToken)
    {
        if (await requests.TryUpdateAsync(record, cancellationToken) is null)
        {
            return null;
        }

        switch (record.Status)
        {
            case RequestStatus.Dispatched:
                Log.Dispatched(logger, record.RequestId, record.StackName, Describe(record.Services));
                break;
            case RequestStatus.Skipped:
                Log.Skipped(logger, record.RequestId, record.StackName, record.Reason ?? string.Empty);
                break;
            case RequestStatus.Failed:
                Log.Failed(logger, record.RequestId, record.Reason ?? string.Empty);
                break;
        }

        return record.Status;
    }

    private static string Describe(IReadOnlyList<ServiceDeployment>? services) =>
        string.Join(", ", (services ?? []).Select(s => s.Commit is { } c ? $"{s.Name}@{PushSummary.ShortCommit(c)}" : s.Branch is { } b ? $"{s.Name} ({b})" : s.Name));
}
