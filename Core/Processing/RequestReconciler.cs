using Microsoft.Extensions.Logging;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Processing;

/// <summary>
/// Repairs requests that an attempt left half-done, run on a timer: a request never stays queued silently. A queued row
/// without its mark past the in-flight window, a marked one untouched past <see cref="RedeployOptions.ResendAfter"/>, or a
/// dispatching one past the lease gets its message sent again (the processor handles a request id once, and resumes a
/// stale dispatch); past <see cref="RedeployOptions.GiveUpAfter"/> the request is marked failed with a reason.
/// </summary>
public sealed class RequestReconciler(RequestLog requests, RequestQueue queue, RedeployOptions options, TimeProvider time, ILogger<RequestReconciler> logger)
{
    /// <summary>How long a dispatching row is left to the attempt that wrote it: past the processor's lease, with a margin.</summary>
    public static readonly TimeSpan DispatchGrace = RequestProcessor.DispatchLease * 2;

    public async Task<ReconcileReport> ReconcileAsync(CancellationToken cancellationToken)
    {
        var report = new ReconcileReport();
        await foreach (var record in requests.ListOpenAsync(cancellationToken))
        {
            report.Open++;
            var now = time.GetUtcNow();
            var idle = now - LastTouched(record);
            if (now - record.ReceivedAt > options.GiveUpAfter || (idle > Window(record) && !CanResend(record)))
            {
                report.Failed += await GiveUpAsync(record, cancellationToken) ? 1 : 0;
            }
            else if (idle > Window(record))
            {
                await ResendAsync(record, idle, cancellationToken);
                report.Resent++;
            }
        }

        Log.Reconciled(logger, report.Open, report.Resent, report.Failed);
        return report;
    }

    private TimeSpan Window(RequestRecord record) => record switch
    {
        { Status: RequestStatus.Dispatching } => DispatchGrace,
        { Enqueued: false } => options.InFlightWindow,
        _ => options.ResendAfter,
    };

    private static DateTimeOffset LastTouched(RequestRecord record) =>
        new[] { record.ReceivedAt, record.UpdatedAt ?? default, record.ResentAt ?? default }.Max();

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
