using Microsoft.Extensions.Logging;
using Redeploy.Core.Hooks;
using Redeploy.Core.Matching;
using Redeploy.Core.Readers;
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
    ILogger<HookIntake> logger,
    WebhookSecretResolver? webhookSecrets = null,
    BodyBudget? sharedBodyBudget = null)
{
    private readonly WebhookSecretResolver secrets = webhookSecrets ?? new(new KeyVaultSecrets(null, options, time, logger));
    private readonly StackCache stackCache = new(stacks, options, time);
    private readonly RequestSubmitter submitter = new(requests, queue, logger);
    private readonly RejectionLog rejections = new(logger, time);
    private readonly BodyBudget bodyBudget = sharedBodyBudget ?? new(options.MaxBufferedBytes);

    private const string BitbucketServerPing = "diagnostics:ping";

    /// <summary>The time the intake gives storage before it answers 503: well inside a Git host's 10-second limit.</summary>
    public static readonly TimeSpan StorageBudget = TimeSpan.FromSeconds(7);

    public async Task<IntakeAnswer> AcceptAsync(HookCall call, CancellationToken callerToken)
    {
        PooledBody? body = null;
        try
        {
            StoredStack? stack;
            using (var lookupBudget = StorageBudgetFor(callerToken))
            {
                stack = await FindStackAsync(call.StackUid, call.Token, lookupBudget.Token);
            }

            if (stack is null)
            {
                rejections.NotFound();
                return Answers.NotFound();
            }

            StoredStack? signed;
            using (var secretBudget = StorageBudgetFor(callerToken))
            {
                signed = await secrets.ResolveAsync(stack, secretBudget.Token);
            }

            if (signed is null)
            {
                return Answers.SecretUnavailable();
            }

            stack = signed;

            // Authenticate before parsing: the sender whose credential the headers carry is told by the headers alone, its
            // HMAC is computed as the body arrives, and a body that is not authentic is released unparsed.
            var claimed = SenderDetector.ClaimedByHeaders(call.Headers);
            using var signature = SignatureVerifier.Start(claimed, call.Headers, stack.WebhookSecret, time.GetUtcNow());
            if (signature.Known is { } decided && !IsAuthentic(decided, claimed, call.Headers))
            {
                return SignatureRejected(stack, claimed, decided);
            }

            var read = await BodyReader.ReadAsync(
                call.Body, call.ContentLength, options.MaxPayloadBytes, bodyBudget, signature, options.BodyReadTimeout, time, callerToken);
            if (!read.Succeeded)
            {
                return Refuse(stack, read.Failure!);
            }

            body = read.Value;
            var check = signature.Finish();
            if (!IsAuthentic(check, claimed, call.Headers))
            {
                return SignatureRejected(stack, claimed, check);
            }

            var request = new HookRequest(call.Headers, call.Query, body.Memory);
            var delivery = DeliveryReader.Read(request);
            if (!delivery.Succeeded)
            {
                return Refuse(stack, delivery.Failure!);
            }

            // The body named another sender than the headers (Azure DevOps and Bitbucket's POST service are told by their
            // body): that sender's credential is the one that counts.
            if (delivery.Value.Sender != claimed && SignatureRefusal(stack, request, delivery.Value.Sender) is { } refusal)
            {
                return refusal;
            }

            using var queueBudget = StorageBudgetFor(callerToken);
            return await AcceptDeliveryAsync(stack, call, delivery.Value, queueBudget.Token);
        }
        catch (Exception e) when (e.IsStorageFailure(callerToken))
        {
            rejections.StorageUnavailable(e, call.StackUid);
            return Answers.Unavailable();
        }
        finally
        {
            // Nothing in an answer refers to the body: its pooled memory goes back on every path, exceptions included.
            body?.Dispose();
        }
    }

    private async Task<IntakeAnswer> AcceptDeliveryAsync(StoredStack stack, HookCall call, Delivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Sender == Sender.Generic && !string.IsNullOrEmpty(stack.WebhookSecret) && GenericQuery.NamesGitInformation(call.Query))
        {
            return Refuse(stack, Failure.Malformed(GenericQuery.SignedStackDetail));
        }

        if (delivery.Kind != DeliveryKind.Push)
        {
            var reason = delivery.IgnoredReason ?? (delivery.Kind == DeliveryKind.Ping ? "ping" : "not a push");
            rejections.Ignored(delivery.Sender.ToString(), stack.Name, reason);
            return Answers.Ignored(reason);
        }

        var pushes = delivery.Pushes.Where(IsDeployable).ToList();
        if (delivery.Pushes.Count > 0 && pushes.Count == 0)
        {
            var reason = NotDeployableReason(delivery.Pushes);
            rejections.Ignored(delivery.Sender.ToString(), stack.Name, reason);
            return Answers.Ignored(reason);
        }

        var modifier = ServicesModifier.Parse(call.Query.TryGetValue("services", out var values) ? values : [], stack.Definition);
        if (!modifier.Succeeded)
        {
            return Refuse(stack, modifier.Failure!);
        }

        return await QueueAsync(stack, call.Token, delivery, pushes, modifier.Value, cancellationToken);
    }

    /// <summary>The time storage is given, from now: once for finding the stack, once again for queueing after the body arrived.</summary>
    private static CancellationTokenSource StorageBudgetFor(CancellationToken callerToken)
    {
        var budget = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        budget.CancelAfter(StorageBudget);
        return budget;
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
            rejections.StorageUnavailable(e, stackUid);
            return Answers.Unavailable();
        }
    }

    /// <summary>
    /// The stack whose uid and token match; null otherwise, at the same cost whichever part was wrong. A stack read from
    /// the cache and an unknown uid read from the cache both still compare the token (real or decoy hashes).
    /// </summary>
    internal async Task<StoredStack?> FindStackAsync(string stackUid, string token, CancellationToken cancellationToken)
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
            new RequestRecord(stack.Uid, requestId, stack.Name, RequestStatus.Queued, time.GetUtcNow(), delivery.Sender.ToString(), delivery.DeliveryId, PushSummary.Describe(pushes)) { Pushes = PushRecord.From(pushes) },
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

    /// <summary>The 401, logged, for a body-identified sender whose credential does not pass; null when it passes or no secret is set.</summary>
    private IntakeAnswer? SignatureRefusal(StoredStack stack, HookRequest request, Sender sender)
    {
        var check = SignatureVerifier.Verify(sender, request, stack.WebhookSecret, time);
        return IsAuthentic(check, sender, request.Headers) ? null : SignatureRejected(stack, sender, check);
    }

    private IntakeAnswer SignatureRejected(StoredStack stack, Sender sender, SignatureCheck check)
    {
        rejections.SignatureRejected(sender.ToString(), stack.Name, check.ToString());
        return Answers.Unauthorized(SignatureDetail(check));
    }

    private IntakeAnswer Refuse(StoredStack stack, Failure failure)
    {
        var answer = Answers.From(failure);
        rejections.Refused(stack.Name, answer.Status, failure.Detail);
        return answer;
    }

    // A ping deploys nothing: Bitbucket Server sends its diagnostics ping unsigned, so a missing signature is let through.
    // Its event key is a header: the body of such a ping is read only as far as any unauthenticated body (one pass).
    private static bool IsAuthentic(SignatureCheck check, Sender sender, HookHeaders headers) =>
        check is SignatureCheck.Valid or SignatureCheck.NotRequired
        || (check == SignatureCheck.MissingSignature && sender == Sender.BitbucketServer && headers["X-Event-Key"] == BitbucketServerPing);

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
