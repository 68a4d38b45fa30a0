using Microsoft.Extensions.Logging;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Processing;

/// <summary>
/// Repairs requests that an attempt left half-done, run on a timer: a request never stays queued silently. A queued row
/// without its mark past the in-flight window, a marked one untouched past <see cref="RedeployOptions.ResendAfter"/>, or a
/// dispatching one past the lease gets its message sent again (the processor handles a request id once, and resumes a
/// stale dispatch); past <see cref="RedeployOptions.GiveUpAfter"/> the request is marked failed with a reason. A queued
/// request written after the oldest message still waiting on the queue is left alone: the queue has not reached it yet.
/// Each run ends with the requests' retention (<see cref="RequestRetention"/>), when a sweep is due.
/// </summary>
public sealed class RequestReconciler(
    RequestLog requests, RequestQueue queue, RequestRetention retention, RedeployOptions options, TimeProvider time, ILogger<RequestReconciler> logger)
{
    /// <summary>How long a dispatching row is left to the attempt that wrote it: past the processor's lease, with a margin.</summary>
    public static readonly TimeSpan DispatchGrace = PipelineTimings.DispatchGrace;

    public async Task<ReconcileReport> ReconcileAsync(CancellationToken cancellationToken)
    {
        var report = new ReconcileReport();

        // Read once a run: a queued row written after the oldest message still waiting is behind it in the backlog, its
        // own message not reached yet. Re-sending those would double a backlog exactly when the processor is behind.
        var backlogHead = await queue.OldestWaitingAsync(cancellationToken);
        await foreach (var open in requests.ListOpenAsync(cancellationToken))
        {
            report.Open++;
            if (Action(open, time.GetUtcNow(), backlogHead) == RepairAction.None)
            {
                continue;
            }

            // The scan read only the columns decided on: act on the whole row, as it is now.
            if (await requests.GetAsync(open.StackUid, open.RequestId, cancellationToken) is not { } record)
            {
                continue;
            }

            var current = OpenRequest.Of(record);
            switch (Action(current, time.GetUtcNow(), backlogHead))
            {
                case RepairAction.Resend when CanResend(record):
                    await ResendAsync(record, time.GetUtcNow() - LastTouched(current), cancellationToken);
                    report.Resent++;
                    break;
                case RepairAction.Resend or RepairAction.GiveUp:
                    report.Failed += await GiveUpAsync(record, cancellationToken) ? 1 : 0;
                    break;
            }
        }

        Log.Reconciled(logger, report.Open, report.Resent, report.Failed);
        report.Expired = await retention.SweepIfDueAsync(cancellationToken);
        return report;
    }

    private enum RepairAction
    {
        None,
        Resend,
        GiveUp,
    }

    private RepairAction Action(OpenRequest request, DateTimeOffset now, DateTimeOffset? backlogHead)
    {
        if (request.Status is not (RequestStatus.Queued or RequestStatus.Dispatching))
        {
            return RepairAction.None;
        }

        if (request.Status == RequestStatus.Queued && IsBehind(request, backlogHead))
        {
            return RepairAction.None;
        }

        if (now - OpenedAt(request) > options.GiveUpAfter)
        {
            return RepairAction.GiveUp;
        }

        return now - LastTouched(request) > Window(request) ? RepairAction.Resend : RepairAction.None;
    }

    // Queue times are whole seconds, so a row written in the head's second counts as behind it. Should the table's and
    // the queue's clocks differ, the cost is one extra message (the processor drops it) or a repair that waits for the
    // queue to move on, never a request left alone for good: the head moves on as the queue is worked off.
    private static bool IsBehind(OpenRequest request, DateTimeOffset? backlogHead) =>
        backlogHead is { } head && request.UpdatedAt is { } written && written >= head;

    private TimeSpan Window(OpenRequest request) => request switch
    {
        { Status: RequestStatus.Dispatching } => DispatchGrace,
        { Enqueued: false } => options.InFlightWindow,
        _ => options.ResendAfter,
    };

    // A request that waited for CI counts from when the gate released it: the wait may have lasted hours.
    private static DateTimeOffset OpenedAt(OpenRequest request) => request.CiReleasedAt ?? request.ReceivedAt;

    private static DateTimeOffset LastTouched(OpenRequest request) =>
        new[] { request.ReceivedAt, request.UpdatedAt ?? default, request.ResentAt ?? default }.Max();

    // A dispatching row needs no pushes (its services are in the row); a queued one needs its message as first queued.
    private static bool CanResend(RequestRecord record) => record.Message is not null || record.Status == RequestStatus.Dispatching;

    private async Task ResendAsync(RequestRecord record, TimeSpan idle, CancellationToken cancellationToken)
    {
        Log.Resent(logger, record.RequestId, record.StackUid, record.Status == RequestStatus.Dispatching ? "dispatching" : record.Enqueued ? "queued" : "queued, its message not known to be on the queue", idle);
        var message = record.Message ?? RequestQueue.Serialize(new RequestMessage(RequestMessage.CurrentVersion, record.RequestId, record.StackUid, [], null));
        await queue.SendAsync(message, cancellationToken);

        // A queued row is marked and touched: the next re-send waits another window (lost to a processor that moved on
        // meanwhile: fine). A dispatching row is left alone: a write would renew the lease the processor must see expired.
        if (record.Status == RequestStatus.Queued)
        {
            await requests.TryUpdateAsync(record with { Enqueued = true, ResentAt = time.GetUtcNow() }, cancellationToken);
        }
    }

    private async Task<bool> GiveUpAsync(RequestRecord record, CancellationToken cancellationToken)
    {
        var reason = record switch
        {
            { Status: RequestStatus.Dispatching } => $"dispatch not confirmed within {Describe(options.GiveUpAfter)}: the job may have been sent",
            { Message: null } => "its request message was lost before it was queued",
            _ => $"not processed within {Describe(options.GiveUpAfter)}",
        };
        if (await requests.TryUpdateAsync(record with { Status = RequestStatus.Failed, Reason = reason, Enqueued = true }, cancellationToken) is null)
        {
            return false;
        }

        Log.GaveUp(logger, record.RequestId, record.StackUid, reason);
        return true;
    }

    private static string Describe(TimeSpan span) => span.TotalMinutes >= 60 && span.TotalMinutes % 60 == 0 ? $"{span.TotalHours:0} h" : $"{span.TotalMinutes:0.#} min";
}
