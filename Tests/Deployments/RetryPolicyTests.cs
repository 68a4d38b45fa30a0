using Redeploy.Core.Deployments;

namespace Redeploy.Tests.Deployments;

public sealed class RetryPolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 16)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]
    [InlineData(40, 300)]
    public void Backoff_DoublesFromOneSecondUpToFiveMinutes(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryPolicy.Backoff(attempt, retryAfter: null));

    [Fact]
    public void Backoff_RetryAfterWins() =>
        Assert.Equal(TimeSpan.FromMinutes(7), RetryPolicy.Backoff(1, TimeSpan.FromMinutes(7)));

    [Fact]
    public void Next_WaitPastTheWindow_IsShortenedToItsEnd() =>
        Assert.Equal(TimeSpan.FromMinutes(1), RetryPolicy.Next(12, null, Start, Start.AddMinutes(59), TimeSpan.FromHours(1)));

    [Fact]
    public void Next_WindowOver_IsNull() =>
        Assert.Null(RetryPolicy.Next(12, null, Start, Start.AddHours(1), TimeSpan.FromHours(1)));
}
