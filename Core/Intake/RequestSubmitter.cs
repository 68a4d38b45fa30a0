using Microsoft.Extensions.Logging;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Intake;

/// <summary>
/// Records a request and queues its message, for the hook intake and for manual redeployments alike: the row first
/// (the claim on a delivery id), then the message, then the mark. A row whose message could not be queued is taken
/// back; once the row exists, the caller going away does not stop the rest. See docs/decisions.md.
/// </summary>
public sealed class RequestSubmitter(RequestLog requests, RequestQueue queue, TimeProvider time, ILogger logger)
{
    /// <summary>How long a delivery counts as being queued by the attempt that first claimed it.</summary>
    public static readonly TimeSpan InFlightWindow = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Submits <paramref name="record"/> with <paramref name="message"/>. Returns the row and whether it was queued now
    /// (false: the same request was queued, finished, or is being queued by another attempt: a duplicate).
    /// </summary>
    public async Task<(RequestRecord Record, bool Queued)> SubmitAsync(RequestRecord record, BinaryData message, CancellationToken cancellationToken)
    {
        var (stored, created) = await requests.TryCreateAsync(record, cancellationToken);
        if (!created && (stored.Enqueued || stored.Status.IsFinal() || time.GetUtcNow() - stored.ReceivedAt < InFlightWindow))
        {
            return (stored, false);
        }

        // Created, or an older attempt of this delivery failed to queue: queueing again is safe, as the processor
        // handles a request id once.
        try
        {
            await queue.SendAsync(message, CancellationToken.None);
        }
        catch (Exception) when (created)
        {
            await RollBackAsync(stored);
            throw;
        }

        try
        {
            // The processor may have moved the row on already; then it no longer needs the mark.
            await requests.TryUpdateAsync(stored with { Enqueued = true }, CancellationToken.None);
        }
        catch (Exception e) when (e.IsStorageFailure(CancellationToken.None))
        {
            // The message is queued, which is what counts; a retried delivery finds the row unmarked and queues again.
            Log.MarkEnqueuedFailed(logger, e, stored.RequestId);
        }

        return (stored, true);
    }

    private async Task RollBackAsync(RequestRecord record)
    {
        try
        {
            await requests.DeleteAsync(record, CancellationToken.None);
        }
        catch (Exception e) when (e.IsStorageFailure(CancellationToken.None))
        {
            // The row stays "queued": a retried delivery of the same id queues it again.
            Log.RollbackFailed(logger, e, record.RequestId);
        }
    }
}
