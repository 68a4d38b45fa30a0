using Redeploy.Core.Processing;
using Redeploy.Core.Stacks;

namespace Redeploy.Tests.Processing;

/// <summary>The pure rules of CONTRACT §9: which checks count, which remain, and the words the status shows.</summary>
public sealed class CiReasonsTests
{
    private const string Commit = "9f3c1a2b4d5e6f708192a3b4c5d6e7f809a1b2c3";

    [Theory]
    [InlineData(new string[0], new string[0], "waiting for CI on 9f3c1a2")]
    [InlineData(new[] { "build", "e2e" }, new string[0], "waiting for checks build, e2e on 9f3c1a2")]
    [InlineData(new[] { "build", "e2e" }, new[] { "build" }, "waiting for checks e2e on 9f3c1a2")]
    [InlineData(new[] { "build", "e2e" }, new[] { "e2e", "lint" }, "waiting for checks build on 9f3c1a2")]
    public void Waiting_NamesTheChecksStillAwaited(string[] checks, string[] passed, string expected) =>
        Assert.Equal(expected, CiReasons.Waiting(DeployRule.OnCi(checks), passed, Commit));

    [Theory]
    [InlineData("e2e", "failure", "CI failed: e2e failure")]
    [InlineData("pipeline", "canceled", "CI failed: pipeline canceled")]
    [InlineData("build", null, "CI failed: build")]
    public void Failed_NamesTheCheckAndItsConclusion(string check, string? conclusion, string expected) =>
        Assert.Equal(expected, CiReasons.Failed(check, conclusion));

    [Theory]
    [InlineData(new string[0], "anything", true)]
    [InlineData(new[] { "build", "e2e" }, "e2e", true)]
    [InlineData(new[] { "build", "e2e" }, "lint", false)]
    [InlineData(new[] { "build" }, "Build", false)]
    public void Counts_EveryCheckWhenNoneListedElseTheListedOnes(string[] checks, string name, bool counts) =>
        Assert.Equal(counts, DeployRule.OnCi(checks).Counts(name));

    [Theory]
    [InlineData(new string[0], new string[0], false)]
    [InlineData(new string[0], new[] { "lint" }, true)]
    [InlineData(new[] { "build", "e2e" }, new[] { "build" }, false)]
    [InlineData(new[] { "build", "e2e" }, new[] { "e2e", "build" }, true)]
    public void IsSatisfiedBy_EveryListedCheckOrTheFirstSuccess(string[] checks, string[] passed, bool satisfied) =>
        Assert.Equal(satisfied, DeployRule.OnCi(checks).IsSatisfiedBy(passed));

    [Fact]
    public void Describe_SaysTheModeAndChecks()
    {
        Assert.Equal("push", DeployRule.OnPush.Describe());
        Assert.Equal("ci", DeployRule.OnCi().Describe());
        Assert.Equal("ci (checks build, e2e)", DeployRule.OnCi("build", "e2e").Describe());
    }
}
