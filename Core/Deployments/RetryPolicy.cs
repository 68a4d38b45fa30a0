namespace Redeploy.Core.Deployments;

/// <summary>When the outbox tries a deployer again (CONTRACT §7): from about 1 s, doubling, at most 5 minutes apart; a Retry-After wins.</summary>
internal static class RetryPolicy
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(5);

    /// <summary>The wait after attempt number <paramref name="attempt"/> (1 for the first) failed.</summary>
    public static TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked)
        {
            return asked < TimeSpan.Zero ? TimeSpan.Zero : asked;
        }

        var doublings = Math.Clamp(attempt - 1, 0, 20);
        var wait = First * Math.Pow(2, doublings);
        return wait > Longest ? Longest : wait;
    }

    /// <summary>
    /// The delay before the next attempt, or null when the window (from the first attempt) is over. A wait that would
    /// pass the window's end is shortened to it, so that the last attempt happens when the window closes.
    /// </summary>
    public static TimeSpan? Next(int attempt, TimeSpan? retryAfter, DateTimeOffset firstAttemptAt, DateTimeOffset now, TimeSpan window)
    {
        var end = firstAttemptAt + window;
        if (now >= end)
        {
            return null;
        }

        var wait = Backoff(attempt, retryAfter);
        return now + wait > end ? end - now : wait;
    }
}
