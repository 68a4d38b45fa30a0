using Microsoft.Extensions.Logging;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Intake;

/// <summary>
/// Records a request and queues its message, for the hook intake and for manual redeployments alike: the row (the claim
/// on a delivery id, carrying the message) and the message at once, so an answer waits for one storage round trip. A
/// row whose message could not be queued is taken back; a message whose row did not land is enough, as the processor
/// writes the row from it. See docs/decisions.md.
/// </summary>
internal sealed class RequestSubmitter(RequestLog requests, RequestQueue queue, ILogger logger)
{
    /// <summary>
    /// Submits <paramref name="record"/> with <paramref name="message"/>. Returns the row and whether it was queued now
    /// (false: a duplicate, the row was another submission's; its message is known to be on the queue, as this one's own
    /// message is, or it is finished). Throws when the message is not known to be queued.
    /// </summary>
    public async Task<(RequestRecord Record, bool Queued)> SubmitAsync(RequestRecord record, BinaryData message, CancellationToken cancellationToken)
    {
        // A duplicate sends its message too: the processor handles a request id once, so a second message costs it one
        // read, and "duplicate" is then said with this submission's own message known to be queued.
        var insert = requests.TryCreateAsync(record with { Message = message }, cancellationToken);
        var send = queue.SendAsync(message, cancellationToken);
        await Task.WhenAll(insert, send).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        if (send.IsCompletedSuccessfully)
        {
            if (insert.IsCompletedSuccessfully)
            {
                return insert.Result;
            }

            // The message is queued, which is what a 202 needs: the processor writes the row from it.
            Log.RequestRowNotWritten(logger, insert.Exception?.InnerException, record.RequestId);
            return (record with { Message = message }, true);
        }

        if (insert.IsCompletedSuccessfully)
        {
            var (stored, created) = insert.Result;
            if (created)
            {
                await RollBackAsync(stored);
            }
            else if (IsKnownQueued(stored))
            {
                return (stored, false);
            }
        }

        // Neither the send nor a row known queued: the caller answers 503 (storage) or goes away (cancelled).
        await send;
        throw new InvalidOperationException("unreachable: the send failed");
    }

    /// <summary>Marked enqueued (by the reconciler), or already taken on by the processor (which only ever reads a queued message).</summary>
    private static bool IsKnownQueued(RequestRecord record) =>
        record.Enqueued || record.Status != RequestStatus.Queued;

    private async Task RollBackAsync(RequestRecord record)
    {
        try
        {
            await requests.DeleteAsync(record, CancellationToken.None);
        }
        catch (Exception e) when (e.IsStorageFailure(CancellationToken.None))
        {
            // The row stays "queued" without its message: the reconciler or a retried delivery of the same id queues it.
            Log.RollbackFailed(logger, e, record.RequestId);
        }
    }
}
