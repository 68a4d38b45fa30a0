using Microsoft.Extensions.Logging;
using Redeploy.Core.Hooks;
using Redeploy.Core.Pages;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Intake;

/// <summary>
/// The delivery log of a stack (CONTRACT §11): its newest requests as an HTML page for people, or as JSON. The hook URL is
/// the key: the stack is found exactly as the hook finds it (same 404, same cost), before anything else is read.
/// </summary>
public sealed class DeliveryLog(
    HookIntake intake, RequestLog requests, TimeProvider time, ILogger<DeliveryLog> logger, GitHub.GitHubDeploymentLog? githubDeployments = null)
{
    /// <summary>How many requests the page shows, and the list's default.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The most requests one list answers.</summary>
    public const int MaxLimit = 200;

    /// <summary>GET {hook url}: the page when the caller asks for HTML; otherwise the hook's answer to a GET, unchanged.</summary>
    public async Task<IntakeAnswer> PageAsync(string stackUid, string token, string? accept, CancellationToken cancellationToken)
    {
        if (!AcceptHeader.NamesHtml(accept))
        {
            return Answers.MethodNotAllowed();
        }

        return await ReadAsync(stackUid, token, DefaultLimit, (stackName, records, _) => DeliveryLogPage.Answer(stackName, records, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>GET {hook url}/requests[?limit=N]: <c>{"stack", "requests": [status objects, newest first]}</c>.</summary>
    public Task<IntakeAnswer> ListAsync(string stackUid, string token, IReadOnlyList<string> limit, CancellationToken cancellationToken) =>
        ReadAsync(stackUid, token, ParseLimit(limit), Answers.Requests, cancellationToken, withGitHub: true);

    /// <summary>The limit asked for: absent is <see cref="DefaultLimit"/>; one whole number from 1 to <see cref="MaxLimit"/>; null otherwise.</summary>
    public static int? ParseLimit(IReadOnlyList<string> values) => values switch
    {
        [] => DefaultLimit,
        [var text] when text.Length is > 0 and <= 3 && text.All(char.IsAsciiDigit) && int.Parse(text) is >= 1 and <= MaxLimit and var n => n,
        _ => null,
    };

    private async Task<IntakeAnswer> ReadAsync(
        string stackUid,
        string token,
        int? limit,
        Func<string, IReadOnlyList<RequestRecord>, IReadOnlyDictionary<string, GitHub.GitHubDeployments>?, IntakeAnswer> answer,
        CancellationToken callerToken,
        bool withGitHub = false)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        budget.CancelAfter(PipelineTimings.StorageBudget);
        try
        {
            var stack = await intake.FindStackAsync(stackUid, token, budget.Token);
            if (stack is null)
            {
                return Answers.NotFound();
            }

            // A bad limit is told only to a caller who has shown the hook token.
            if (limit is null)
            {
                return Answers.BadRequest($"limit must be one whole number from 1 to {MaxLimit}.");
            }

            var records = await requests.ListRecentAsync(stack.Uid, limit.Value, budget.Token);
            var github = withGitHub && githubDeployments is not null
                ? await githubDeployments.ListAsync(stack.Uid, records.Select(r => r.RequestId).ToList(), budget.Token)
                : null;
            return answer(stack.Name, records, github);
        }
        catch (Exception e) when (e.IsStorageFailure(callerToken))
        {
            Log.DeliveryLogStorageUnavailable(logger, e, stackUid);
            return Answers.ReadUnavailable();
        }
    }
}
