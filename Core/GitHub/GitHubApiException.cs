namespace Redeploy.Core.GitHub;

/// <summary>
/// GitHub answered something other than 2xx. <see cref="RetryAfter"/> is set for a rate limit (wait, then try again);
/// otherwise a 5xx is worth retrying and any other 4xx is not. The message is GitHub's own, cut short; it never holds a credential.
/// </summary>
public sealed class GitHubApiException(int status, string call, string detail, TimeSpan? retryAfter = null)
    : Exception($"GitHub answered {status} to {call}{(detail.Length > 0 ? ": " + detail : string.Empty)}")
{
    public int Status => status;

    public TimeSpan? RetryAfter => retryAfter;

    public bool IsServerError => status >= 500;
}
