using Microsoft.Extensions.Logging;
using Redeploy.Core.Hooks;
using Redeploy.Core.Matching;
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

        var modifier = ServicesModifier.Parse(call.Query.TryGetValue("services", out var values) ? values : [], stack.Definition);
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
            var refused = Answers.From(Failure.Malformed($"the delivery names too many pushes ({pushes.Count}) to queue"));
            rejections.Refused(stack.Name, refused.Status, "too many pushes to queue");
            return refused;
        }

        var row = await requests.GetAsync(stack.Uid, requestId, cancellationToken);
        if (row is null || (delivery.DeliveryId is { } id && row.DeliveryId == id))
        {
            // The commit's first delivery (or this very delivery again) makes the row, as any request does: row, message, mark.
            var record = new RequestRecord(stack.Uid, requestId, stack.Name, RequestStatus.Queued, receivedAt, delivery.Sender.ToString(), delivery.DeliveryId, PushSummary.Describe(pushes))
            {
                Pushes = PushRecord.From(pushes),
                Submission = submission,
            };
            var (stored, queued) = await submitter.SubmitAsync(record, message, cancellationToken);
            if (queued)
            {
                return Accepted(stack, token, delivery, ci, requestId, commit, stored.Summary);
            }

            if (delivery.DeliveryId is not null && stored.DeliveryId == delivery.DeliveryId)
            {
                return Duplicate(stack, requestId);
            }

            row = stored;
        }

        // Another delivery made the row: once dispatched every further event is a duplicate (rule 5), as is a delivery
        // the gate has applied already; else this delivery's message goes to the gate on its own.
        if (!CiProgress.IsOpen(row) || (row.Ci ?? CiProgress.None).HasSeen(delivery.DeliveryId))
        {
            return Duplicate(stack, requestId);
        }

        await queue.SendAsync(message, cancellationToken);
        return Accepted(stack, token, delivery, ci, requestId, commit, row.Summary);
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
