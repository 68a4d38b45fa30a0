using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Redeploy.Core.GitHub;

/// <summary>How long GitHub asks to be left alone (CONTRACT §8): a 403 or 429 with <c>Retry-After</c>, or with
/// <c>x-ratelimit-remaining: 0</c> until <c>x-ratelimit-reset</c>; <c>Retry-After</c> wins; never more than an hour.</summary>
internal static class GitHubRateLimit
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromHours(1);

    /// <summary>GitHub's advice for a secondary limit that names no time: wait at least a minute.</summary>
    public static readonly TimeSpan UnnamedWait = TimeSpan.FromMinutes(1);

    /// <summary>The wait, or null when the answer is not a rate limit.</summary>
    public static TimeSpan? WaitFor(HttpStatusCode status, HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (status is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return null;
        }

        var wait = RetryAfter.From(headers.RetryAfter, now);
        if (wait is null && Single(headers, "x-ratelimit-remaining") == "0")
        {
            wait = long.TryParse(Single(headers, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset)
                ? DateTimeOffset.FromUnixTimeSeconds(reset) - now
                : UnnamedWait;
        }

        if (wait is null && status == HttpStatusCode.TooManyRequests)
        {
            wait = UnnamedWait;
        }

        return wait is null ? null
            : wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1)
            : wait > MaxWait ? MaxWait
            : wait;
    }

    private static string? Single(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;
}
