using Microsoft.Extensions.Logging;
using Redeploy.Core.Hooks;
using Redeploy.Core.Matching;
using Redeploy.Core.Security;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Intake;

/// <summary>
/// The HTTP-side use case, independent of any host: a hook call in, an answer out. It checks the hook token, reads and
/// verifies the delivery, and queues a compact request; matching happens later, on the queue side.
/// </summary>
public sealed class HookIntake(
    TableStackStore stacks,
    RequestLog requests,
    RequestQueue queue,
    RedeployOptions options,
    TimeProvider time,
    ILogger<HookIntake> logger)
{
    private readonly StackCache stackCache = new(stacks, options, time);
    private readonly RequestSubmitter submitter = new(requests, queue, logger);
    private readonly RejectionLog rejections = new(logger, time);

    /// <summary>The time the intake gives storage before it answers 503: well inside a Git host's 10-second limit.</summary>
    public static readonly TimeSpan StorageBudget = TimeSpan.FromSeconds(7);

    public async Task<IntakeAnswer> AcceptAsync(HookCall call, CancellationToken callerToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        budget.CancelAfter(StorageBudget);
        var cancellationToken = budget.Token;
        try
        {
            var stack = await FindStackAsync(call.StackUid, call.Token, cancellationToken);
            if (stack is null)
            {
                rejections.NotFound();
                return Answers.NotFound();
            }

            var body = await BodyReader.ReadAsync(call.Body, call.ContentLength, options.MaxPayloadBytes, cancellationToken);
            if (!body.Succeeded)
            {
                return Refuse(stack, body.Failure!);
            }

            var request = new HookRequest(call.Headers, call.Query, body.Value);
            var read = DeliveryReader.Read(request);
            if (!read.Succeeded)
            {
                return RefuseUnreadable(stack, request, read.Failure!);
            }

            var delivery = read.Value;
            if (SignatureRefusal(stack, request, delivery.Sender, delivery) is { } refusal)
            {
                return refusal;
            }

            if (delivery.Kind != DeliveryKind.Push)
            {
                var reason = delivery.IgnoredReason ?? (delivery.Kind == DeliveryKind.Ping ? "ping" : "not a push");
                Log.Ignored(logger, delivery.Sender.ToString(), stack.Name, reason);
                return Answers.Ignored(reason);
            }

            var pushes = delivery.Pushes.Where(IsDeployable).ToList();
            if (delivery.Pushes.Count > 0 && pushes.Count == 0)
            {
                var reason = NotDeployableReason(delivery.Pushes);
                Log.Ignored(logger, delivery.Sender.ToString(), stack.Name, reason);
                return Answers.Ignored(reason);
            }

            var modifier = ServicesModifier.Parse(call.Query.TryGetValue("services", out var values) ? values : [], stack.Definition);
            if (!modifier.Succeeded)
            {
                return Refuse(stack, modifier.Failure!);
            }

            return await QueueAsync(stack, call.Token, delivery, pushes, modifier.Value, cancellationToken);
        }
        catch (Exception e) when (e.IsStorageFailure(callerToken))
        {
            Log.IntakeStorageUnavailable(logger, e, call.StackUid);
            return Answers.Unavailable();
        }
    }

    public async Task<IntakeAnswer> StatusAsync(string stackUid, string token, string requestId, CancellationToken cancellationToken)
    {
        try
        {
            var stack = await FindStackAsync(stackUid, token, cancellationToken);
            if (stack is null)
            {
                return Answers.NotFound();
            }

            var record = RequestIds.IsWellFormed(requestId) ? await requests.GetAsync(stackUid, requestId, cancellationToken) : null;
            return record is null ? Answers.RequestNotFound() : Answers.Status(record);
        }
        catch (Exception e) when (e.IsStorageFailure(cancellationToken))
        {
            Log.IntakeStorageUnavailable(logger, e, stackUid);
            return Answers.Unavailable();
        }
    }

    /// <summary>
    /// The stack whose uid and token match; null otherwise, at the same cost whichever part was wrong. A stack read from
    /// the cache and an unknown uid read from the cache both still compare the token (real or decoy hashes).
    /// </summary>
    private async Task<StoredStack?> FindStackAsync(string stackUid, string token, CancellationToken cancellationToken)
    {
        var stack = HookToken.IsWellFormed(stackUid) ? await stackCache.FindByUidAsync(stackUid, cancellationToken) : null;
        if (stack is null)
        {
            HookToken.MatchAgainstDecoys(token);
            return null;
        }

        return HookToken.Matches(token, stack.ValidTokenHashes(time.GetUtcNow())) ? stack : null;
    }

    private async Task<IntakeAnswer> QueueAsync(StoredStack stack, string token, Delivery delivery, List<Push> pushes, ServicesModifier? modifier, CancellationToken cancellationToken)
    {
        var requestId = delivery.DeliveryId is { Length: > 0 } deliveryId ? RequestIds.ForDelivery(stack.Uid, deliveryId) : RequestIds.New();
        var message = RequestQueue.Serialize(new RequestMessage(
            RequestMessage.CurrentVersion, requestId, stack.Uid, pushes.Select(PushMessage.From).ToList(), modifier?.Names));
        if (message.ToMemory().Length > RequestQueue.MaxMessageBytes)
        {
            return Refuse(stack, Failure.Malformed($"the delivery names too many pushes ({pushes.Count}) to queue"));
        }

        var (record, queued) = await submitter.SubmitAsync(
            new RequestRecord(stack.Uid, requestId, stack.Name, RequestStatus.Queued, time.GetUtcNow(), delivery.Sender.ToString(), delivery.DeliveryId, PushSummary.Describe(pushes)),
            message,
            cancellationToken);
        if (!queued)
        {
            Log.Duplicate(logger, stack.Name, record.RequestId);
            return Answers.Duplicate(record.RequestId);
        }

        Log.Accepted(logger, requestId, stack.Name, delivery.Sender.ToString(), record.Summary);
        return Answers.Accepted(requestId, StatusUrl(stack.Uid, token, requestId));
    }

    // The status URL carries the caller's own hook token (CONTRACT §3): it is the one answer that repeats it, to the
    // caller that sent it. Error answers and log lines never do.
    private string StatusUrl(string stackUid, string token, string requestId) =>
        $"{options.HookUrl(stackUid, token)}/requests/{requestId}";

    // Where the stack has a secret, only a signed sender learns what is wrong with its body; anyone else gets the 401.
    // The sender is then told by the headers alone, as the body could not be read.
    private IntakeAnswer RefuseUnreadable(StoredStack stack, HookRequest request, Failure failure) =>
        SignatureRefusal(stack, request, SenderDetector.Detect(request, default), delivery: null) ?? Refuse(stack, failure);

    /// <summary>The 401, logged, for a call whose signature does not pass the stack's secret; null when it passes or none is set.</summary>
    private IntakeAnswer? SignatureRefusal(StoredStack stack, HookRequest request, Sender sender, Delivery? delivery)
    {
        var check = SignatureVerifier.Verify(sender, request, stack.WebhookSecret, time);
        if (IsAuthentic(check, delivery))
        {
            return null;
        }

        rejections.SignatureRejected(sender.ToString(), stack.Name, check.ToString());
        return Answers.Unauthorized(SignatureDetail(check));
    }

    private IntakeAnswer Refuse(StoredStack stack, Failure failure)
    {
        var answer = Answers.From(failure);
        Log.Refused(logger, stack.Name, answer.Status, failure.Detail);
        return answer;
    }

    // A ping deploys nothing: Bitbucket Server sends its diagnostics ping unsigned, so a missing signature is let through.
    private static bool IsAuthentic(SignatureCheck check, Delivery? delivery) =>
        check is SignatureCheck.Valid or SignatureCheck.NotRequired
        || (check == SignatureCheck.MissingSignature && delivery is { Kind: DeliveryKind.Ping, Sender: Sender.BitbucketServer });

    private static bool IsDeployable(Push push) => !push.Deleted && push.Tag is null;

    private static string NotDeployableReason(IReadOnlyList<Push> pushes) =>
        pushes.All(p => p.Deleted) ? "branch or tag deleted" : "tag push: tags are not deployed";

    private static string SignatureDetail(SignatureCheck check) => check switch
    {
        SignatureCheck.MissingSignature => "This stack has a webhook secret: the delivery must be signed.",
        SignatureCheck.TimestampOutOfRange => "The webhook-timestamp is more than 5 minutes away from now.",
        _ => "The signature does not match the stack's webhook secret.",
    };
}
