using Redeploy.Core.Matching;
using Redeploy.Core.Stacks;
using Xunit;
using static Redeploy.Tests.Matching.MatchingSamples;

namespace Redeploy.Tests.Matching;

/// <summary>CONTRACT §4, Classic stacks: the blog stack tracks bitbucket.org/acme/blog, branch production.</summary>
public sealed class ServiceMatcherClassicTests
{
    [Theory]
    [InlineData("", "blog@production")]
    [InlineData("||", "blog@production")]
    [InlineData("https://bitbucket.org/acme/blog|production|9f3c", "blog#9f3c")]
    [InlineData("git@bitbucket.org:acme/blog.git|production|9f3c", "blog#9f3c")]
    [InlineData("https://Bitbucket.org/Acme/Blog/|production|9f3c", "blog#9f3c")]
    [InlineData("https://bitbucket.org/acme/blog|production|", "blog@production")]
    [InlineData("|production|9f3c", "blog#9f3c")]
    [InlineData("https://bitbucket.org/acme/blog|develop|1111;https://bitbucket.org/acme/blog|production|9f3c", "blog#9f3c")]
    [InlineData("https://bitbucket.org/acme/blog|production|9f3c;https://bitbucket.org/acme/blog|production|2222", "blog#9f3c")]
    public void Decide_PushOnStackBranch_DeploysStackAtCommit(string pushes, string expected)
    {
        var decision = ServiceMatcher.Decide(Blog, Pushes(pushes), null);

        Assert.Equal(expected, Show(decision));
    }

    [Theory]
    [InlineData("||9f3c", "blog#9f3c")]
    [InlineData("https://bitbucket.org/acme/blog||9f3c", "blog#9f3c")]
    [InlineData("https://bitbucket.org/acme/blog||", "blog@production")]
    [InlineData("||;||9f3c", "blog#9f3c")]
    public void Decide_PushWithoutBranch_DeploysWithoutMatchingBranch(string pushes, string expected)
    {
        var decision = ServiceMatcher.Decide(Blog, Pushes(pushes), null);

        Assert.Equal(expected, Show(decision));
    }

    [Theory]
    [InlineData("https://bitbucket.org/acme/blog|develop|9f3c",
        "the stack does not track the pushed branch: pushed bitbucket.org/acme/blog@develop; stack tracks bitbucket.org/acme/blog@production")]
    [InlineData("|Production|9f3c",
        "the stack does not track the pushed branch: pushed branch Production (no repository); stack tracks bitbucket.org/acme/blog@production")]
    [InlineData("https://bitbucket.org/acme/shop|production|9f3c",
        "the stack does not track the pushed repository: pushed bitbucket.org/acme/shop@production; stack tracks bitbucket.org/acme/blog@production")]
    [InlineData("https://github.com/acme/blog||9f3c",
        "the stack does not track the pushed repository: pushed github.com/acme/blog (no branch); stack tracks bitbucket.org/acme/blog@production")]
    [InlineData("https://bitbucket.org/acme/blog|develop|1;https://bitbucket.org/acme/blog|staging|2",
        "the stack does not track the pushed branches: pushed bitbucket.org/acme/blog@develop, bitbucket.org/acme/blog@staging; stack tracks bitbucket.org/acme/blog@production")]
    public void Decide_PushElsewhere_SkipsNamingPushedAndTrackedBranch(string pushes, string expected)
    {
        var decision = ServiceMatcher.Decide(Blog, Pushes(pushes), null);

        Assert.Equal(expected, ReasonOf(decision));
    }

    [Theory]
    [InlineData("-https://bitbucket.org/acme/blog|production|", "nothing to deploy: branch production deleted")]
    [InlineData("https://bitbucket.org/acme/blog|tag:v3|9f3c", "nothing to deploy: tag v3 pushed (tags do not deploy)")]
    public void Decide_DeletedBranchOrTag_Skips(string pushes, string expected)
    {
        var decision = ServiceMatcher.Decide(Blog, Pushes(pushes), null);

        Assert.Equal(expected, ReasonOf(decision));
    }

    [Fact]
    public void Decide_ModifierOnClassicStack_IsIgnored()
    {
        var decision = ServiceMatcher.Decide(Blog, Pushes("|production|9f3c"), Modifier("web"));

        Assert.Equal("blog#9f3c", Show(decision));
    }

    [Fact]
    public void Decide_ClassicStackWithoutSource_Skips()
    {
        var decision = ServiceMatcher.Decide(new Stack("odd", StackKind.Classic, []), [], null);

        Assert.Equal("the Classic stack odd has no repository and branch configured", ReasonOf(decision));
    }
}
