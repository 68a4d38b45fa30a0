using Microsoft.Extensions.Logging;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Intake;

/// <summary>
/// Records a request and queues its message, for the hook intake and for manual redeployments alike: the row first
/// (the claim on a delivery id, carrying the message), then the message, then the mark. A row whose message could not
/// be queued is taken back; once the row exists, the caller going away does not stop the rest. See docs/decisions.md.
/// </summary>
public sealed class RequestSubmitter(RequestLog requests, RequestQueue queue, ILogger logger)
{
    /// <summary>
    /// Submits <paramref name="record"/> with <paramref name="message"/>. Returns the row and whether it was queued now
    /// (false: a duplicate of a request whose message is known to be on the queue, or that is finished).
    /// </summary>
    public async Task<(RequestRecord Record, bool Queued)> SubmitAsync(RequestRecord record, BinaryData message, CancellationToken cancellationToken)
    {
        var (stored, created) = await requests.TryCreateAsync(record with { Message = message }, cancellationToken);
        if (!created && IsKnownQueued(stored))
        {
            return (stored, false);
        }

        // Created; or another attempt claimed the delivery but its message is not known to be queued (it may still be
        // sending, or have failed, or died): send it from here too, as the processor handles a request id once.
        try
        {
            await queue.SendAsync(message, CancellationToken.None);
        }
        catch (Exception) when (created)
        {
            await RollBackAsync(stored);
            throw;
        }

        await MarkEnqueuedAsync(stored);
        return (stored, created);
    }

    /// <summary>Marked enqueued, or already taken on by the processor (which only ever reads a queued message).</summary>
    private static bool IsKnownQueued(RequestRecord record) =>
        record.Enqueued || record.Status != RequestStatus.Queued;

    private async Task MarkEnqueuedAsync(RequestRecord stored)
    {
        try
        {
            // The processor may have moved the row on already; then it no longer needs the mark.
            await requests.TryUpdateAsync(stored with { Enqueued = true }, CancellationToken.None);
        }
        catch (Exception e) when (e.IsStorageFailure(CancellationToken.None))
        {
            // The message is queued, which is what counts; the reconciler or a retried delivery sends it again.
            Log.MarkEnqueuedFailed(logger, e, stored.RequestId);
        }
    }

    private async Task RollBackAsync(RequestRecord record)
    {
        try
        {
            await requests.DeleteAsync(record, CancellationToken.None);
        }
        catch (Exception e) when (e.IsStorageFailure(CancellationToken.None))
        {
            // The row stays "queued" and unmarked: the reconciler or a retried delivery of the same id queues it again.
            Log.RollbackFailed(logger, e, record.RequestId);
        }
    }
}
