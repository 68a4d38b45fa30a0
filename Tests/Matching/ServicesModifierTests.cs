using Redeploy.Core;
using Redeploy.Core.Matching;
using Redeploy.Core.Stacks;
using Xunit;
using static Redeploy.Tests.Matching.MatchingSamples;

namespace Redeploy.Tests.Matching;

public sealed class ServicesModifierTests
{
    /// <param name="raw">The values of the <c>services</c> parameters separated by <c>|</c>; null for no parameter.</param>
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ,|")]
    [InlineData(",| ")]
    public void Parse_NoNames_IsNull(string? raw)
    {
        var outcome = ServicesModifier.Parse(raw is null ? [] : raw.Split('|'), Shop);

        Assert.True(outcome.Succeeded);
        Assert.Null(outcome.Value);
    }

    [Theory]
    [InlineData(new[] { "web" }, "web")]
    [InlineData(new[] { "web,worker" }, "web|worker")]
    [InlineData(new[] { "worker,web" }, "worker|web")]
    [InlineData(new[] { "web", "worker" }, "web|worker")]
    [InlineData(new[] { " web , worker ,redis" }, "web|worker|redis")]
    [InlineData(new[] { "web,,worker," }, "web|worker")]
    [InlineData(new[] { "web,web,worker", "web", " worker" }, "web|worker")]
    [InlineData(new[] { "redis", "", "web,redis" }, "redis|web")]
    public void Parse_KnownNames_ListsThemOnceInRequestOrder(string[] raw, string expected)
    {
        var outcome = ServicesModifier.Parse(raw, Shop);

        Assert.True(outcome.Succeeded, outcome.Failure?.Detail);
        Assert.Equal(expected.Split('|'), outcome.Value!.Names);
    }

    [Theory]
    [InlineData(new[] { "web,api" }, "api")]
    [InlineData(new[] { "cache,web", "api,cache" }, "cache|api")]
    [InlineData(new[] { "Web" }, "Web")]
    [InlineData(new[] { "web worker" }, "web worker")]
    public void Parse_UnknownNames_FailsListingThem(string[] raw, string expected)
    {
        var outcome = ServicesModifier.Parse(raw, Shop);

        Assert.False(outcome.Succeeded);
        Assert.Equal(FailureKind.UnknownServices, outcome.Failure!.Kind);
        Assert.Equal(expected.Split('|'), outcome.Failure.Items);
    }

    [Fact]
    public void Parse_UnknownNames_DetailNamesThemAndTheStackServices()
    {
        var outcome = ServicesModifier.Parse(["web,api,cache"], Shop);

        Assert.Equal("unknown services api, cache: the stack shop has web, worker, redis", outcome.Failure!.Detail);
    }

    [Fact]
    public void Parse_NameInOtherCase_DetailSaysNamesAreCaseSensitive()
    {
        var outcome = ServicesModifier.Parse(["Web"], Shop);

        Assert.Equal("unknown service Web (service names are case-sensitive): the stack shop has web, worker, redis", outcome.Failure!.Detail);
    }

    [Fact]
    public void Parse_UnknownNameOnLargeStack_DetailCountsServicesBeyondTwenty()
    {
        var stack = new Stack("big", StackKind.Docker, Enumerable.Range(0, 50).Select(i => new Service($"s{i}", Image: "x")).ToList());

        var outcome = ServicesModifier.Parse(["nope"], stack);

        Assert.EndsWith("s18, s19 and 30 more", outcome.Failure!.Detail);
    }

    [Theory]
    [InlineData(new[] { "web" }, "web")]
    [InlineData(new[] { "blog, web", "web" }, "blog|web")]
    public void Parse_AnyNameOnClassicStack_Fails(string[] raw, string expected)
    {
        var outcome = ServicesModifier.Parse(raw, Blog);

        Assert.Equal(FailureKind.UnknownServices, outcome.Failure!.Kind);
        Assert.Equal("a Classic stack deploys as one unit: the services modifier does not apply", outcome.Failure.Detail);
        Assert.Equal(expected.Split('|'), outcome.Failure.Items);
    }

    [Fact]
    public void Parse_EmptyValueOnClassicStack_IsUnknownServices()
    {
        // CONTRACT §1: on a Classic stack any services value is a 422, an empty one included.
        var outcome = ServicesModifier.Parse([" ", ""], Blog);

        Assert.Equal(FailureKind.UnknownServices, outcome.Failure?.Kind);
    }

    [Theory]
    [InlineData("web", true)]
    [InlineData("redis", true)]
    [InlineData("Web", false)]
    [InlineData("worker", false)]
    public void Contains_Name_ComparesOrdinally(string name, bool expected)
    {
        Assert.Equal(expected, new ServicesModifier(["web", "redis"]).Contains(name));
    }
}
