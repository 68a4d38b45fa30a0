using Microsoft.Extensions.Logging;
using Redeploy.Core.Hooks;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Intake;

/// <summary>
/// The HTTP side of deploying when CI passes (CONTRACT §9): CI results, and pushes that name commits on a stack that
/// deploys on CI. Each commit is one request (<see cref="RequestIds.ForCommit"/>); its push and its CI events are separate
/// deliveries, each queued as its own message for the gate on the queue side, which keeps the row's state. The answer
/// follows rules 5 and 6 from the row as read, without waiting for the gate.
/// </summary>
internal sealed class CiIntake(RequestLog requests, RequestQueue queue, RedeployOptions options, TimeProvider time, ILogger logger, RejectionLog rejections)
{
    private readonly RequestSubmitter submitter = new(requests, queue, logger);

    public async Task<IntakeAnswer> AcceptAsync(StoredStack stack, HookCall call, Delivery delivery, CancellationToken cancellationToken)
    {
        var rule = stack.Definition.Deploy;
        CiMessage? ci = null;
        if (delivery.Ci is { } check)
        {
            if (!rule.WaitsForCi)
            {
                return Ignore(stack, delivery, "stack deploys on push");
            }

            if (!rule.Counts(check.Name))
            {
                return Ignore(stack, delivery, $"check {check.Name} is not counted: the stack waits for {string.Join(", ", rule.Checks)}");
            }

            ci = new CiMessage(check.Name, check.Succeeded, check.Conclusion);
        }
        else if (delivery.Sender == Sender.Generic)
        {
            // The generic caller runs at the end of CI (CONTRACT §9's table): its call is the success of CI as a whole.
            ci = new CiMessage(null, true, null);
        }

        var pushes = delivery.Pushes.Where(p => p.IsDeployable && p.Commit is not null).ToList();
        if (pushes.Count == 0)
        {
            return Ignore(stack, delivery, delivery.Pushes.Any(p => p.Tag is not null) ? "CI on a tag: tags are not deployed" : "the CI event names no commit");
        }

        var modifier = IntakeTriage.ServicesModifierOf(call.Query, stack);
        if (!modifier.Succeeded)
        {
            var refused = Answers.From(modifier.Failure!);
            rejections.Refused(stack.Name, refused.Status, modifier.Failure!.Detail);
            return refused;
        }

        // One request per distinct commit (rule 1); the answer names the first that was accepted, else the first duplicate.
        IntakeAnswer? first = null;
        foreach (var commit in pushes.GroupBy(p => p.Commit!, StringComparer.OrdinalIgnoreCase))
        {
            var answer = await SubmitAsync(stack, call.Token, delivery, ci, commit.Key, commit.ToList(), modifier.Value?.Names, cancellationToken);
            if (first is null || (first.Status != 202 && answer.Status == 202))
            {
                first = answer;
            }
        }

        return first!;
    }

    private async Task<IntakeAnswer> SubmitAsync(
        StoredStack stack, string token, Delivery delivery, CiMessage? ci, string commit, List<Push> pushes, IReadOnlyList<string>? services, CancellationToken cancellationToken)
    {
        var requestId = RequestIds.ForCommit(stack.Uid, commit);
        var submission = RequestIds.New();
        var receivedAt = time.GetUtcNow();
        var message = RequestQueue.Serialize(new RequestMessage(
            RequestMessage.GatedVersion, requestId, stack.Uid, pushes.Select(PushMessage.From).ToList(), services, Wait: ci is null, Ci: ci, DeliveryId: delivery.DeliveryId)
        {
            // As for any request: should the message arrive before its row, the processor writes the row as this submission's.
            Submission = submission,
            Sender = delivery.Sender.ToString(),
            ReceivedAt = receivedAt,
        });
        if (message.ToMemory().Length > RequestQueue.MaxMessageBytes)
        {
            var refused = Answers.From(IntakeTriage.TooManyPushes(pushes.Count));
            rejections.Refused(stack.Name, refused.Status, "too many pushes to queue");
            return refused;
        }

        var row = await requests.GetAsync(stack.Uid, requestId, cancellationToken);
        var record = new RequestRecord(stack.Uid, requestId, stack.Name, RequestStatus.Queued, receivedAt, delivery.Sender.ToString(), delivery.DeliveryId, PushSummary.Describe(pushes))
        {
            Pushes = PushRecord.From(pushes),
            Submission = submission,
        };
        if (row is null)
        {
            // The commit's first delivery, as far as we read: row and message at once. Should another delivery have made
            // the row meanwhile, this delivery's message is queued already and goes to the gate as it is (not sent twice).
            row = await CreateAsync(record, message, cancellationToken);
            if (row is null)
            {
                return Accepted(stack, token, delivery, ci, requestId, commit, record.Summary);
            }

            return (row.DeliveryId is not null && row.DeliveryId == delivery.DeliveryId) || !CiProgress.IsOpen(row) || (row.Ci ?? CiProgress.None).HasSeen(delivery.DeliveryId)
                ? Duplicate(stack, requestId)
                : Accepted(stack, token, delivery, ci, requestId, commit, row.Summary);
        }

        if (delivery.DeliveryId is { } id && row.DeliveryId == id)
        {
            // This very delivery made the row: a duplicate, whose message the submitter queues (should the first one's have been lost).
            var (stored, queued) = await submitter.SubmitAsync(record, message, cancellationToken);
            return queued ? Accepted(stack, token, delivery, ci, requestId, commit, stored.Summary) : Duplicate(stack, requestId);
        }

        // Another delivery made the row: once dispatched every further event is a duplicate (rule 5), as is a delivery
        // the gate has applied already; else this delivery's message goes to the gate on its own, once.
        if (!CiProgress.IsOpen(row) || (row.Ci ?? CiProgress.None).HasSeen(delivery.DeliveryId))
        {
            return Duplicate(stack, requestId);
        }

        await queue.SendAsync(message, cancellationToken);
        return Accepted(stack, token, delivery, ci, requestId, commit, row.Summary);
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

    private IntakeAnswer Ignore(StoredStack stack, Delivery delivery, string reason)
    {
        rejections.Ignored(delivery.Sender.ToString(), stack.Name, reason);
        return Answers.Ignored(reason);
    }

}
