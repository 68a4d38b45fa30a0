using System.Buffers;
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
    BodyBudget? sharedBodyBudget = null,
    GitHub.GitHubDeploymentLog? githubDeployments = null)
{
    private readonly WebhookSecretResolver secrets = webhookSecrets ?? new(new KeyVaultSecrets(null, options, time, logger));
    private readonly StackCache stackCache = new(stacks, options, time);
    private readonly RequestSubmitter submitter = new(requests, queue, logger);
    private readonly RejectionLog rejections = new(logger, time);
    private readonly BodyBudget bodyBudget = sharedBodyBudget ?? new(options.MaxBufferedBytes);
    private readonly RecentDeliveries recent = new(options.RecentDeliveries, options.RecentDeliveriesAge, time);
    private CiIntake Ci => field ??= new(requests, queue, options, logger);

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
            if (signature.Known is { } decided && !IntakeTriage.IsAuthentic(decided, claimed, call.Headers))
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
            if (!IntakeTriage.IsAuthentic(check, claimed, call.Headers))
            {
                return SignatureRejected(stack, claimed, check);
            }

            // The raw bytes are not needed past this point (the signature was computed as they arrived; the credential of a
            // sender told by the body is decided by headers), so a form body is decoded in place: one copy of the body.
            var request = new HookRequest(call.Headers, call.Query, body.Memory);
            var delivery = DeliveryReader.Read(request, body.WritableMemory, ArrayPool<byte>.Shared);
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

            return await AcceptDeliveryAsync(stack, call, delivery.Value, callerToken);
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

    /// <summary>The answer to an authenticated delivery: <see cref="IntakeTriage"/> decides, and a request to queue is queued.</summary>
    internal async Task<IntakeAnswer> AcceptDeliveryAsync(StoredStack stack, HookCall call, Delivery delivery, CancellationToken callerToken)
    {
        switch (IntakeTriage.Decide(stack, delivery, call.Query, time.GetUtcNow(), RequestIds.New()))
        {
            case QueueRequest request:
                using (var queueBudget = StorageBudgetFor(callerToken))
                {
                    return await QueueAsync(stack, call.Token, request, queueBudget.Token);
                }

            case GateDelivery gate:
                using (var gateBudget = StorageBudgetFor(callerToken))
                {
                    return await Ci.AcceptAsync(stack, call.Token, delivery, gate, gateBudget.Token);
                }

            case IgnoreDelivery ignored:
                rejections.Ignored(delivery.Sender.ToString(), stack.Name, ignored.Reason);
                return Answers.Ignored(ignored.Reason);
            case RefuseDelivery refused:
                return Refuse(stack, refused.Failure);
            default:
                throw new InvalidOperationException("unknown triage result");
        }
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
            return record is null ? Answers.RequestNotFound()
                : Answers.Status(record, githubDeployments is null ? null : await githubDeployments.GetAsync(stackUid, requestId, cancellationToken));
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

    private async Task<IntakeAnswer> QueueAsync(StoredStack stack, string token, QueueRequest request, CancellationToken cancellationToken)
    {
        // A delivery this instance saw queued is a duplicate without asking storage (the request id derives from it).
        if (recent.Contains(request.Record.RequestId))
        {
            Log.Duplicate(logger, stack.Name, request.Record.RequestId);
            return Answers.Duplicate(request.Record.RequestId);
        }

        var (record, queued) = await submitter.SubmitAsync(request.Record, request.Message, cancellationToken);
        if (request.Record.DeliveryId is not null)
        {
            recent.Add(record.RequestId);
        }

        if (!queued)
        {
            Log.Duplicate(logger, stack.Name, record.RequestId);
            return Answers.Duplicate(record.RequestId);
        }

        Log.Accepted(logger, record.RequestId, stack.Name, record.Sender, record.Summary);
        return Answers.Accepted(record.RequestId, StatusUrl(stack.Uid, token, record.RequestId));
    }

    // The status URL carries the caller's own hook token (CONTRACT §3): it is the one answer that repeats it, to the
    // caller that sent it. Error answers and log lines never do.
    private string StatusUrl(string stackUid, string token, string requestId) =>
        $"{options.HookUrl(stackUid, token)}/requests/{requestId}";

    /// <summary>The 401, logged, for a body-identified sender whose credential does not pass; null when it passes or no secret is set.</summary>
    private IntakeAnswer? SignatureRefusal(StoredStack stack, HookRequest request, Sender sender)
    {
        var check = SignatureVerifier.Verify(sender, request, stack.WebhookSecret, time);
        return IntakeTriage.IsAuthentic(check, sender, request.Headers) ? null : SignatureRejected(stack, sender, check);
    }

    private IntakeAnswer SignatureRejected(StoredStack stack, Sender sender, SignatureCheck check)
    {
        rejections.SignatureRejected(sender.ToString(), stack.Name, check.ToString());
        return Answers.Unauthorized(IntakeTriage.SignatureDetail(check));
    }

    private IntakeAnswer Refuse(StoredStack stack, Failure failure)
    {
        var answer = Answers.From(failure);
        rejections.Refused(stack.Name, answer.Status, failure.Detail);
        return answer;
    }
}
