using Microsoft.Extensions.Logging;
using Redeploy.Core.Hooks;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Intake;

/// <summary>
/// The storage side of deploying when CI passes (CONTRACT §9): queues the commits <see cref="IntakeTriage"/> decided on
/// for a CI result, or a push naming commits on a stack that deploys on CI. Each commit is one request
/// (<see cref="RequestIds.ForCommit"/>); its push and its CI events are separate deliveries, each queued as its own message
/// for the gate on the queue side, which keeps the row's state. The answer follows rules 5 and 6 from the row as read,
/// without waiting for the gate.
/// </summary>
internal sealed class CiIntake(RequestLog requests, RequestQueue queue, RedeployOptions options, ILogger logger)
{
    private readonly RequestSubmitter submitter = new(requests, queue, logger);

    /// <summary>
    /// Queues each commit <see cref="IntakeTriage"/> decided on, all at once (each is its own row: a delivery naming many
    /// commits waits for one storage round trip, not one per commit); the answer names the first accepted, else the first
    /// duplicate.
    /// </summary>
    public async Task<IntakeAnswer> AcceptAsync(StoredStack stack, string token, Delivery delivery, GateDelivery gate, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(gate.Commits.Select(commit => SubmitAsync(stack, token, delivery, gate.Ci, commit, cancellationToken)));
        return answers.FirstOrDefault(answer => answer.Status == 202) ?? answers[0];
    }

    private async Task<IntakeAnswer> SubmitAsync(
        StoredStack stack, string token, Delivery delivery, CiMessage? ci, GatedCommit commit, CancellationToken cancellationToken)
    {
        var (requestId, record, message) = (commit.RequestId, commit.Record, commit.Message);
        var row = await requests.GetAsync(stack.Uid, requestId, cancellationToken);
        if (row is null)
        {
            // The commit's first delivery, as far as we read: row and message at once. Should another delivery have made
            // the row meanwhile, this delivery's message is queued already and goes to the gate as it is (not sent twice).
            row = await CreateAsync(record, message, cancellationToken);
            if (row is null)
            {
                return Accepted(stack, token, delivery, ci, requestId, commit.Commit, record.Summary);
            }

            return (row.DeliveryId is not null && row.DeliveryId == delivery.DeliveryId) || !CiProgress.IsOpen(row) || (row.Ci ?? CiProgress.None).HasSeen(delivery.DeliveryId)
                ? Duplicate(stack, requestId)
                : Accepted(stack, token, delivery, ci, requestId, commit.Commit, row.Summary);
        }

        if (delivery.DeliveryId is { } id && row.DeliveryId == id)
        {
            // This very delivery made the row: a duplicate, whose message the submitter queues (should the first one's have been lost).
            var (stored, queued) = await submitter.SubmitAsync(record, message, cancellationToken);
            return queued ? Accepted(stack, token, delivery, ci, requestId, commit.Commit, stored.Summary) : Duplicate(stack, requestId);
        }

        // Another delivery made the row: once dispatched every further event is a duplicate (rule 5), as is a delivery
        // the gate has applied already; else this delivery's message goes to the gate on its own, once.
        if (!CiProgress.IsOpen(row) || (row.Ci ?? CiProgress.None).HasSeen(delivery.DeliveryId))
        {
            return Duplicate(stack, requestId);
        }

        await queue.SendAsync(message, cancellationToken);
        return Accepted(stack, token, delivery, ci, requestId, commit.Commit, row.Summary);
    }

    /// <summary>
    /// Writes the commit's row and queues this delivery's message at once (one round trip, as <see cref="RequestSubmitter"/>
    /// does). Returns null when the row is this delivery's (or only the message landed: the processor writes the row from
    /// it), else the row another delivery made first, this delivery's message queued all the same. Throws when the message
    /// is not queued: a CI event on another delivery's row is not safely recorded without its own message.
    /// </summary>
    private async Task<RequestRecord?> CreateAsync(RequestRecord record, BinaryData message, CancellationToken cancellationToken)
    {
        var insert = requests.TryCreateAsync(record with { Message = message }, cancellationToken);
        var send = queue.SendAsync(message, cancellationToken);
        await Task.WhenAll(insert, send).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!send.IsCompletedSuccessfully)
        {
            if (insert.IsCompletedSuccessfully && insert.Result.Created)
            {
                await RollBackAsync(insert.Result.Record);
            }

            await send;
        }

        if (!insert.IsCompletedSuccessfully)
        {
            Log.RequestRowNotWritten(logger, insert.Exception?.InnerException, record.RequestId);
            return null;
        }

        return insert.Result.Created ? null : insert.Result.Record;
    }

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

    private IntakeAnswer Accepted(StoredStack stack, string token, Delivery delivery, CiMessage? ci, string requestId, string commit, string? summary)
    {
        if (ci is { Name: { } name })
        {
            Log.CiAccepted(logger, requestId, stack.Name, delivery.Sender.ToString(), name, ci.Conclusion ?? (ci.Succeeded ? "success" : "failure"), commit);
        }
        else
        {
            Log.Accepted(logger, requestId, stack.Name, delivery.Sender.ToString(), summary);
        }

        return Answers.Accepted(requestId, $"{options.HookUrl(stack.Uid, token)}/requests/{requestId}");
    }

    private IntakeAnswer Duplicate(StoredStack stack, string requestId)
    {
        Log.Duplicate(logger, stack.Name, requestId);
        return Answers.Duplicate(requestId);
    }
}
