using Microsoft.Extensions.Logging;
using Redeploy.Core.Hooks;
using Redeploy.Core.Matching;
using Redeploy.Core.Readers;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Intake;

/// <summary>
/// A redeployment asked for by a person (<c>redeploy redeploy -s NAME</c>, like Cloud 66's <c>cx redeploy</c>): the same
/// request row and queue message as a hook call, with sender "manual", so the queue side handles both alike.
/// </summary>
public sealed class ManualRedeploy(RequestLog requests, RequestQueue queue, TimeProvider time, ILogger<ManualRedeploy> logger)
{
    public const string Sender = "manual";

    /// <summary>A person types a commit id: at least 7 characters, as Git abbreviates by default, so typos show.</summary>
    private const int ShortestCommitId = 7;

    /// <summary>Queues a redeployment of <paramref name="stack"/>; returns the request id.</summary>
    /// <param name="services">The services modifier, as on the hook URL (empty: the stack's rules decide).</param>
    /// <param name="gitRef">A commit to build the stack's Git services at, or null for their configured branches.</param>
    public async Task<Outcome<string>> QueueAsync(StoredStack stack, IReadOnlyList<string> services, string? gitRef, CancellationToken cancellationToken)
    {
        var modifier = ServicesModifier.Parse(services, stack.Definition);
        if (!modifier.Succeeded)
        {
            return modifier.Failure;
        }

        string? commit = null;
        if (gitRef is not null)
        {
            if (!GitValues.IsCommit(gitRef, ShortestCommitId))
            {
                return Failure.Malformed($"the git ref must be a commit id of 7 to 64 hex characters, not '{gitRef}'");
            }

            commit = gitRef.ToLowerInvariant();
        }

        var requestId = RequestIds.New();
        IReadOnlyList<PushMessage> pushes = commit is null ? [] : [new PushMessage(null, null, commit)];
        var receivedAt = time.GetUtcNow();
        var message = RequestQueue.Serialize(new RequestMessage(RequestMessage.CurrentVersion, requestId, stack.Uid, pushes, modifier.Value?.Names)
        {
            Submission = requestId,
            Sender = Sender,
            ReceivedAt = receivedAt,
        });
        var summary = commit is null ? Sender : $"{Sender} @ {PushSummary.ShortCommit(commit)}";
        await new RequestSubmitter(requests, queue, logger).SubmitAsync(
            new RequestRecord(stack.Uid, requestId, stack.Name, RequestStatus.Queued, receivedAt, Sender, null, summary) { Submission = requestId },
            message,
            cancellationToken);
        return Outcome<string>.Success(requestId);
    }
}
