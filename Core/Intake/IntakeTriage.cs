using Redeploy.Core.GitHub;
using Redeploy.Core.Hooks;
using Redeploy.Core.Matching;
using Redeploy.Core.Security;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Intake;

/// <summary>
/// The intake's decisions, without I/O (CONTRACT §3): whether a delivery's credential counts, and what an authenticated
/// delivery to a stack becomes (a request to queue, an ignored delivery, or a refusal). <see cref="HookIntake"/> does the
/// I/O around them: finding the stack, reading the body, storage.
/// </summary>
internal static class IntakeTriage
{
    private const string BitbucketServerPing = "diagnostics:ping";

    /// <summary>
    /// Decides on <paramref name="delivery"/>, read and authenticated, to <paramref name="stack"/> (its secret resolved).
    /// <paramref name="submissionId"/> is a fresh random id (<see cref="RequestIds.New"/>): it marks the request's row and
    /// message as this submission's, and is the request id of a delivery without a delivery id.
    /// </summary>
    public static TriageResult Decide(
        StoredStack stack,
        Delivery delivery,
        IReadOnlyDictionary<string, IReadOnlyList<string>> query,
        DateTimeOffset receivedAt,
        string submissionId)
    {
        // A signature covers the body only: Git information in the query of a signed stack would be unauthenticated.
        if (delivery.Sender == Sender.Generic && !string.IsNullOrEmpty(stack.WebhookSecret) && GenericQuery.NamesGitInformation(query))
        {
            return new RefuseDelivery(Failure.Malformed(GenericQuery.SignedStackDetail));
        }

        // Each kind that can lead to a deployment has its case; every other kind is answered ignored.
        switch (delivery.Kind)
        {
            case DeliveryKind.CiResult:
                return DecideGate(stack, delivery, query, receivedAt, submissionId);
            case DeliveryKind.Push when stack.Definition.Deploy.WaitsForCi && delivery.Pushes.Any(p => p.IsDeployable && p.Commit is not null):
                return DecideGate(stack, delivery, query, receivedAt, submissionId);
            case DeliveryKind.DeploymentRequest:
                // A GitHub deployment someone else created is a deploy request, at once (CONTRACT §8), unless its rules say not.
                return GitHubDeploymentRequests.IgnoredReason(stack, delivery.Deployment!) is { } notRequested
                    ? new IgnoreDelivery(notRequested)
                    : DecidePush(stack, delivery, query, receivedAt, submissionId);
            case DeliveryKind.Push:
                return DecidePush(stack, delivery, query, receivedAt, submissionId);
            case DeliveryKind.Ping:
                return new IgnoreDelivery(delivery.IgnoredReason ?? "ping");
            default:
                return new IgnoreDelivery(delivery.IgnoredReason ?? "not a push");
        }
    }

    /// <summary>
    /// True when <paramref name="check"/> lets the delivery in. A ping deploys nothing: Bitbucket Server sends its
    /// diagnostics ping unsigned, so a missing signature is let through for it (its event key is a header).
    /// </summary>
    public static bool IsAuthentic(SignatureCheck check, Sender sender, HookHeaders headers) =>
        check is SignatureCheck.Valid or SignatureCheck.NotRequired
        || (check == SignatureCheck.MissingSignature && sender == Sender.BitbucketServer && headers["X-Event-Key"] == BitbucketServerPing);

    /// <summary>The 401's detail for a check that did not pass.</summary>
    public static string SignatureDetail(SignatureCheck check) => check switch
    {
        SignatureCheck.MissingSignature => "This stack has a webhook secret: the delivery must be signed.",
        SignatureCheck.TimestampOutOfRange => "The webhook-timestamp is more than 5 minutes away from now.",
        _ => "The signature does not match the stack's webhook secret.",
    };

    /// <summary>The call's <c>services</c> modifier (CONTRACT §2), checked against the stack.</summary>
    private static Outcome<ServicesModifier?> ServicesModifierOf(IReadOnlyDictionary<string, IReadOnlyList<string>> query, StoredStack stack) =>
        ServicesModifier.Parse(query.TryGetValue("services", out var values) ? values : [], stack.Definition);

    /// <summary>The refusal of a delivery whose queue message would pass the queue's size limit.</summary>
    private static Failure TooManyPushes(int count) => Failure.Malformed($"the delivery names too many pushes ({count}) to queue");

    private static TriageResult DecidePush(
        StoredStack stack,
        Delivery delivery,
        IReadOnlyDictionary<string, IReadOnlyList<string>> query,
        DateTimeOffset receivedAt,
        string submissionId)
    {
        var pushes = new List<Push>(delivery.Pushes.Count);
        foreach (var push in delivery.Pushes)
        {
            if (push.IsDeployable)
            {
                pushes.Add(push);
            }
        }

        if (delivery.Pushes.Count > 0 && pushes.Count == 0)
        {
            return new IgnoreDelivery(SkipReasons.NothingToDeploy(delivery.Pushes));
        }

        var modifier = ServicesModifierOf(query, stack);
        if (!modifier.Succeeded)
        {
            return new RefuseDelivery(modifier.Failure!);
        }

        var requestId = delivery.DeliveryId is { Length: > 0 } deliveryId ? RequestIds.ForDelivery(stack.Uid, deliveryId) : submissionId;
        var pushMessages = new List<PushMessage>(pushes.Count);
        foreach (var push in pushes)
        {
            pushMessages.Add(PushMessage.From(push));
        }

        var sender = delivery.Sender.ToString();
        var message = RequestQueue.Serialize(new RequestMessage(RequestMessage.CurrentVersion, requestId, stack.Uid, pushMessages, modifier.Value?.Names)
        {
            Submission = submissionId,
            Sender = sender,
            DeliveryId = delivery.DeliveryId,
            ReceivedAt = receivedAt,
            GitHubDeploymentId = delivery.Deployment?.Id,
        });
        if (message.ToMemory().Length > RequestQueue.MaxMessageBytes)
        {
            return new RefuseDelivery(TooManyPushes(pushes.Count));
        }

        var record = new RequestRecord(
            stack.Uid, requestId, stack.Name, RequestStatus.Queued, receivedAt, sender, delivery.DeliveryId, PushSummary.Describe(pushes))
        {
            Pushes = PushRecord.From(pushes),
            Submission = submissionId,
        };
        return new QueueRequest(record, message);
    }

    /// <summary>
    /// A CI result, or a push naming commits on a stack that deploys on CI (CONTRACT §9): one request per distinct commit
    /// (rule 1), whose id derives from the commit. Every commit's message is checked before anything is queued, so a
    /// refusal stores nothing.
    /// </summary>
    private static TriageResult DecideGate(
        StoredStack stack,
        Delivery delivery,
        IReadOnlyDictionary<string, IReadOnlyList<string>> query,
        DateTimeOffset receivedAt,
        string submissionId)
    {
        var rule = stack.Definition.Deploy;
        CiMessage? ci = null;
        if (delivery.Ci is { } check)
        {
            if (!rule.WaitsForCi)
            {
                return new IgnoreDelivery("stack deploys on push");
            }

            if (!rule.Counts(check.Name))
            {
                return new IgnoreDelivery($"check {check.Name} is not counted: the stack waits for {string.Join(", ", rule.Checks)}");
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
            return new IgnoreDelivery(delivery.Pushes.Any(p => p.Tag is not null) ? "CI on a tag: tags are not deployed" : "the CI event names no commit");
        }

        var modifier = ServicesModifierOf(query, stack);
        if (!modifier.Succeeded)
        {
            return new RefuseDelivery(modifier.Failure!);
        }

        var sender = delivery.Sender.ToString();
        var commits = new List<GatedCommit>();
        foreach (var group in pushes.GroupBy(p => p.Commit!, StringComparer.OrdinalIgnoreCase))
        {
            var commitPushes = group.ToList();
            var requestId = RequestIds.ForCommit(stack.Uid, group.Key);

            // Each commit's request is its own submission, as a delivery naming one commit is.
            var submission = RequestIds.ForSubmission(submissionId, commits.Count);
            var message = RequestQueue.Serialize(new RequestMessage(
                RequestMessage.GatedVersion, requestId, stack.Uid, commitPushes.Select(PushMessage.From).ToList(), modifier.Value?.Names, Wait: ci is null, Ci: ci, DeliveryId: delivery.DeliveryId)
            {
                // As for any request: should the message arrive before its row, the processor writes the row as this submission's.
                Submission = submission,
                Sender = sender,
                ReceivedAt = receivedAt,
            });
            if (message.ToMemory().Length > RequestQueue.MaxMessageBytes)
            {
                return new RefuseDelivery(TooManyPushes(commitPushes.Count));
            }

            var record = new RequestRecord(stack.Uid, requestId, stack.Name, RequestStatus.Queued, receivedAt, sender, delivery.DeliveryId, PushSummary.Describe(commitPushes))
            {
                Pushes = PushRecord.From(commitPushes),
                Submission = submission,
            };
            commits.Add(new GatedCommit(group.Key, record, message));
        }

        return new GateDelivery(commits, ci);
    }
}
