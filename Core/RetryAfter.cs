using System.Net.Http.Headers;

namespace Redeploy.Core;

/// <summary>An HTTP <c>Retry-After</c> (seconds or a date) as a wait from <c>now</c>; a date already past is no wait.</summary>
internal static class RetryAfter
{
    public static TimeSpan? From(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
