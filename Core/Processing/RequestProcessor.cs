using Microsoft.Extensions.Logging;
using Redeploy.Core.Deployments;
using Redeploy.Core.Hooks;
using Redeploy.Core.Matching;
using Redeploy.Core.Observers;
using Redeploy.Core.Stacks;
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

    /// <summary>How long a claim to dispatch belongs to the attempt that made it (<see cref="PipelineTimings.DispatchLease"/>).</summary>
    public static readonly TimeSpan DispatchLease = PipelineTimings.DispatchLease;

    private readonly FinishedRequests finished = new();

    public async Task<RequestStatus> ProcessAsync(RequestMessage message, CancellationToken cancellationToken)
    {
        if (message.Version is not (RequestMessage.CurrentVersion or RequestMessage.GatedVersion))
        {
            // Thrown, not recorded: after the host's retries the message goes to the poison queue and reads failed.
            throw new NotSupportedException($"request message version {message.Version} is not known to this processor");
        }

        // Final stays final for a message that is not gated (no gate can open the row again): no read for it.
        if (!message.IsGated && finished.TryGet(message.StackUid, message.RequestId, out var known))
        {
            Log.AlreadyHandled(logger, message.RequestId, known.ToWord());
            return known;
        }

        // A conditional write loses when another writer (a second copy, the reconciler) changed the row: read again and decide again.
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            // A queued message whose row is missing still runs: the intake writes row and message at once, so the message
            // can arrive first (or the row's write failed, or was taken back after a send believed failed). The row is
            // written from the message, with the submission's id, so the intake's own insert still counts as its own.
            var record = await requests.GetAsync(message.StackUid, message.RequestId, cancellationToken)
                ?? (await requests.TryCreateAsync(RowFor(message), cancellationToken)).Record;
            if (await TryHandleAsync(message, record with { Enqueued = true }, cancellationToken) is { } status)
            {
                return status;
            }
        }

        throw new InvalidOperationException($"request {message.RequestId} kept changing under the processor");
    }

    private RequestRecord RowFor(RequestMessage message)
    {
        var pushes = message.ToPushes();
        return new RequestRecord(
            message.StackUid,
            message.RequestId,
            string.Empty,
            RequestStatus.Queued,
            message.ReceivedAt ?? time.GetUtcNow(),
            message.Sender ?? "unknown",
            message.DeliveryId,
            PushSummary.Describe(pushes))
        {
            Message = RequestQueue.Serialize(message),
            Pushes = PushRecord.From(pushes),
            Submission = message.Submission,
        };
    }

    /// <summary>Handles the request from the row as read; null when the row changed before our write.</summary>
    private async Task<RequestStatus?> TryHandleAsync(RequestMessage message, RequestRecord record, CancellationToken cancellationToken)
    {
        if (record.Status.IsFinal() && !(message.IsGated && CiGate.IsOpen(record)))
        {
            finished.Add(record.StackUid, record.RequestId, record.Status);
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
            return await SendJobAsync(resumed, null, cancellationToken);
        }

        var stack = await stacks.FindByUidAsync(message.StackUid, cancellationToken);
        if (stack is null)
        {
            return await FinishAsync(record with { Status = RequestStatus.Failed, Reason = "the stack no longer exists" }, cancellationToken);
        }

        record = record with { StackName = stack.Name };
        if (message.IsGated)
        {
            return await GateAsync(message, record, stack, cancellationToken);
        }

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
                return claimed is null ? null : await SendJobAsync(claimed, stack.Deployer, cancellationToken);
            default:
                throw new InvalidOperationException("unknown decision");
        }
    }

    /// <summary>A push that waits for CI, or a CI result (CONTRACT §9): the gate decides; a release dispatches as a push does.</summary>
    private async Task<RequestStatus?> GateAsync(RequestMessage message, RequestRecord record, StoredStack stack, CancellationToken cancellationToken)
    {
        var next = CiGate.Decide(record, message, stack.Definition, time.GetUtcNow());
        if (next is null)
        {
            Log.AlreadyHandled(logger, record.RequestId, record.Status.ToWord());
            return record.Status;
        }

        if (next.Status != RequestStatus.Dispatching)
        {
            return await FinishAsync(next, cancellationToken);
        }

        var claimed = await requests.TryUpdateAsync(next, cancellationToken);
        return claimed is null ? null : await SendJobAsync(claimed, stack.Deployer, cancellationToken);
    }

    /// <summary>Called for a message that reached the poison queue: its request reads failed.</summary>
    public async Task MarkPoisonedAsync(string stackUid, string requestId, int attempts, CancellationToken cancellationToken)
    {
        var record = await requests.GetAsync(stackUid, requestId, cancellationToken);
        // A waiting request whose CI message could not be handled would otherwise wait for ever without a word.
        if (record is null || (record.Status.IsFinal() && record.Status != RequestStatus.Waiting))
        {
            return;
        }

        // A request left dispatching may have had its job sent: say so rather than claim nothing happened.
        var reason = record.Status == RequestStatus.Dispatching
            ? $"dispatch not confirmed after {attempts} attempts: the job may have been sent"
            : $"processing failed after {attempts} attempts";
        _ = await FinishAsync(record with { Status = RequestStatus.Failed, Reason = reason, Enqueued = true }, cancellationToken);
    }

    /// <summary>
    /// Hands the job over to the stack's deployer as read for the claim just made, or, for a resumed dispatch (null), as
    /// the handover reads it.
    /// </summary>
    private async Task<RequestStatus?> SendJobAsync(RequestRecord record, DeployerTarget? target, CancellationToken cancellationToken)
    {
        var handedOver = target is null
            ? await handover.HandOverAsync(record, cancellationToken)
            : await handover.HandOverFirstAsync(record, target, cancellationToken);
        var status = await FinishAsync(handedOver, cancellationToken);

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

        if (record.Status.IsFinal())
        {
            finished.Add(record.StackUid, record.RequestId, record.Status);
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
            case RequestStatus.Waiting:
                Log.Waiting(logger, record.RequestId, record.StackName, record.Reason ?? string.Empty);
                break;
        }

        return record.Status;
    }

    private static string Describe(IReadOnlyList<ServiceDeployment>? services) =>
        string.Join(", ", (services ?? []).Select(s => s.Commit is { } c ? $"{s.Name}@{PushSummary.ShortCommit(c)}" : s.Branch is { } b ? $"{s.Name} ({b})" : s.Name));
}
