using Redeploy.Core.Hooks;
using Redeploy.Core.Intake;
using Redeploy.Core.Matching;
using Xunit;

namespace Redeploy.Tests.Matching;

/// <summary>
/// Every stored text stays small whatever a delivery names: a skip reason and a push summary of the largest delivery the
/// caps admit (100 pushes, 20 URLs of 1,000 characters each, 255-byte branches) fit far inside a Table Storage property.
/// </summary>
public sealed class BoundedReasonTests
{
    private static IReadOnlyList<Push> LargestPushes() =>
        Enumerable.Range(0, PayloadLimits.MaxPushes).Select(i => new Push(
            Enumerable.Range(0, PayloadLimits.MaxRepositoryUrls).Select(u => $"https://github.com/acme/{u}{i}{new string('r', 960)}").ToArray(),
            $"{i}-{new string('b', 250)}",
            null,
            "9f3c1a2b")).ToList();

    [Fact]
    public void Decide_SkipOfTheLargestDelivery_ReasonBoundedAndSaysHowManyMore()
    {
        var decision = ServiceMatcher.Decide(MatchingSamples.Shop, LargestPushes(), null);

        var reason = MatchingSamples.ReasonOf(decision);
        Assert.True(reason.Length <= SkipReasons.MaxLength, $"{reason.Length} characters");
        Assert.Contains("and 17 more", reason);
    }

    [Fact]
    public void Decide_SkipOfDeletedRefs_ReasonBounded()
    {
        var pushes = LargestPushes().Select(p => p with { Commit = null, Deleted = true }).ToList();

        var reason = SkipReasons.NothingToDeploy(pushes);

        Assert.True(reason.Length <= SkipReasons.MaxLength, $"{reason.Length} characters");
        Assert.Contains("and 90 more", reason);
    }

    [Fact]
    public void Describe_SummaryOfTheLargestDelivery_Bounded()
    {
        var summary = PushSummary.Describe(LargestPushes());

        Assert.True(summary.Length <= PushSummary.MaxLength, $"{summary.Length} characters");
    }
}
