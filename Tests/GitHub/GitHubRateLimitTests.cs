using System.Net;
using Redeploy.Core.GitHub;

namespace Redeploy.Tests.GitHub;

/// <summary>CONTRACT §8: 403/429 with Retry-After or x-ratelimit-remaining 0 wait as told (Retry-After wins), up to an hour.</summary>
public sealed class GitHubRateLimitTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(403, "30", "0", 120, 30)]
    [InlineData(429, "30", null, null, 30)]
    [InlineData(403, null, "0", 120, 120)]
    [InlineData(403, null, "0", 7200, 3600)]
    [InlineData(403, null, "0", -5, 1)]
    [InlineData(429, null, null, null, 60)]
    [InlineData(403, null, "12", 120, null)]
    [InlineData(403, null, null, null, null)]
    [InlineData(404, "30", "0", 120, null)]
    [InlineData(500, "30", null, null, null)]
    public void WaitFor_Answer_IsAsTheHeadersSay(int status, string? retryAfter, string? remaining, int? resetIn, int? seconds)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        if (remaining is not null)
        {
            response.Headers.TryAddWithoutValidation("x-ratelimit-remaining", remaining);
        }

        if (resetIn is { } reset)
        {
            response.Headers.TryAddWithoutValidation("x-ratelimit-reset", Now.AddSeconds(reset).ToUnixTimeSeconds().ToString());
        }

        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, GitHubRateLimit.WaitFor(response.StatusCode, response.Headers, Now));
    }
}
