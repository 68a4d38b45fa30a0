using Microsoft.Extensions.Time.Testing;
using Redeploy.Core.Intake;
using Xunit;

namespace Redeploy.Tests.Intake;

public sealed class RecentDeliveriesTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Contains_Added_IsTrueAndOthersFalse()
    {
        var recent = new RecentDeliveries(10, TimeSpan.FromMinutes(1), time);

        recent.Add("a");

        Assert.True(recent.Contains("a"));
        Assert.False(recent.Contains("b"));
    }

    [Fact]
    public void Add_PastTheCapacity_ForgetsTheOldestFirst()
    {
        var recent = new RecentDeliveries(3, TimeSpan.FromHours(1), time);

        foreach (var id in new[] { "a", "b", "c", "d", "b" })
        {
            recent.Add(id);
        }

        Assert.Equal([false, true, true, true], new[] { "a", "b", "c", "d" }.Select(recent.Contains));
        Assert.Equal(3, recent.Count);
    }

    [Fact]
    public void Contains_PastTheAge_IsFalseAndTheNextAddForgetsIt()
    {
        var recent = new RecentDeliveries(10, TimeSpan.FromMinutes(1), time);
        recent.Add("a");
        time.Advance(TimeSpan.FromSeconds(30));
        recent.Add("b");

        time.Advance(TimeSpan.FromSeconds(31));

        Assert.False(recent.Contains("a"));
        Assert.True(recent.Contains("b"));
        recent.Add("c");
        Assert.Equal(2, recent.Count);
    }

    [Fact]
    public void Add_CapacityZero_RemembersNothing()
    {
        var recent = new RecentDeliveries(0, TimeSpan.FromHours(1), time);

        recent.Add("a");

        Assert.False(recent.Contains("a"));
        Assert.Equal(0, recent.Count);
    }

    [Fact]
    public void Add_ManyConcurrently_StaysWithinTheCapacity()
    {
        var recent = new RecentDeliveries(100, TimeSpan.FromHours(1), time);

        Parallel.For(0, 10_000, i => recent.Add($"id-{i}"));

        Assert.Equal(100, recent.Count);
    }
}
