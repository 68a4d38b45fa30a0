using System.Text.Json;
using Redeploy.Core.Hooks;
using Redeploy.Core.Matching;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Processing;

/// <summary>
/// The rules of CONTRACT §9 on the queue side, pure: a commit's request row and one gated message (a push that waits for
/// CI, or a CI result) in; the row to write out, or null when the message changes nothing. A row to write with status
/// <see cref="RequestStatus.Dispatching"/> is a release: the processor claims it and sends the one job, as for a push.
/// </summary>
internal static class CiGate
{
    /// <summary>Whether a gated message can still change the row (<see cref="CiProgress.IsOpen"/>).</summary>
    public static bool IsOpen(RequestRecord record) => CiProgress.IsOpen(record);

    public static RequestRecord? Decide(RequestRecord row, RequestMessage message, Stack stack, DateTimeOffset now)
    {
        var progress = row.Ci ?? CiProgress.None;
        if (!IsOpen(row) || progress.HasSeen(message.DeliveryId))
        {
            return null;
        }

        var rule = stack.Deploy;
        var commit = message.Pushes.Select(p => p.Commit).FirstOrDefault(c => c is not null);
        var endOfCi = false;
        if (message.Ci is { } ci)
        {
            // The stack may have changed since the intake counted this result.
            if (!rule.WaitsForCi || (ci.Name is not null && !rule.Counts(ci.Name)))
            {
                return null;
            }

            progress = progress.WithDelivery(message.DeliveryId);
            if (!ci.Succeeded)
            {
                return row with { Status = RequestStatus.Skipped, Reason = CiReasons.Failed(ci.Name, ci.Conclusion), Ci = progress with { Failed = ci.Name ?? "CI" } };
            }

            endOfCi = ci.Name is null;
            progress = ci.Name is null ? progress : progress.WithPassed(ci.Name);
        }
        else
        {
            // A failure on this commit stands until a re-run succeeds; another push of it changes nothing.
            if (row.Status == RequestStatus.Skipped && progress.Failed is not null)
            {
                return null;
            }

            progress = progress.WithDelivery(message.DeliveryId);
        }

        var announced = Announced(row);
        var modifier = ServicesModifier.Parse(message.Services ?? announced?.Services ?? [], stack);
        if (!modifier.Succeeded)
        {
            return row with { Status = RequestStatus.Failed, Reason = modifier.Failure!.Detail, Ci = progress };
        }

        // The commit deploys what its push and its CI event name together: a success seen on another branch's run counts
        // for the commit (CONTRACT §9.3). A CI result that names no branch (a GitHub status outside every branch, a
        // Bitbucket status without refname) would match every branch of its repository, so it never decides what deploys:
        // the branch the push named does, and without such a push the request waits for one.
        var pushes = Deciding(message).Concat(announced is null ? [] : Deciding(announced)).ToList();
        var announcing = message.Wait ? RequestQueue.Serialize(message) : row.Message;
        if (pushes.Count == 0)
        {
            return row.Status == RequestStatus.Skipped && progress.Failed is not null && !rule.IsSatisfiedBy(progress.Passed)
                ? row with { Ci = progress }
                : row with { Status = RequestStatus.Waiting, Reason = CiReasons.WaitingForBranch(rule, progress.Passed, commit), Ci = progress, Message = announcing };
        }

        switch (ServiceMatcher.Decide(stack, pushes, modifier.Value))
        {
            case SkipDecision skip:
                // A request a matching push put waiting keeps waiting: a CI run of another branch does not end it.
                return row.Status == RequestStatus.Waiting
                    ? row with { Ci = progress }
                    : row with { Status = RequestStatus.Skipped, Reason = skip.Reason, Ci = progress };
            case DeployDecision deploy when endOfCi || rule.IsSatisfiedBy(progress.Passed):
                return row with { Status = RequestStatus.Dispatching, Reason = null, Services = deploy.Services, Ci = progress with { ReleasedAt = now }, Message = announcing };
            case DeployDecision:
                if (row.Status == RequestStatus.Skipped && progress.Failed is not null)
                {
                    // A success of one check after another failed: still skipped, the success kept for the re-run.
                    return row with { Ci = progress };
                }

                return row with { Status = RequestStatus.Waiting, Reason = CiReasons.Waiting(rule, progress.Passed, commit), Ci = progress, Message = announcing };
            default:
                throw new InvalidOperationException("unknown decision");
        }
    }

    /// <summary>The pushes of <paramref name="message"/> that may decide what deploys: all but a named CI check's branchless ones.</summary>
    private static IEnumerable<Push> Deciding(RequestMessage message) =>
        message.Ci is { Name: not null }
            ? message.Pushes.Where(p => !string.IsNullOrEmpty(p.Branch)).Select(p => p.ToPush())
            : message.ToPushes();

    /// <summary>The message the row was recorded with (the push that announced the commit, or the first CI event); null if unreadable.</summary>
    private static RequestMessage? Announced(RequestRecord row)
    {
        if (row.Message is null)
        {
            return null;
        }

        try
        {
            return RequestQueue.Deserialize(row.Message);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
