using Redeploy.Core.Hooks;
using Redeploy.Core.Matching;
using Redeploy.Core.Stacks;
using Xunit;
using static Redeploy.Tests.Matching.MatchingSamples;

namespace Redeploy.Tests.Matching;

/// <summary>CONTRACT §4, Docker stacks. Pushes and results in the notation of <see cref="MatchingSamples"/>.</summary>
public sealed class ServiceMatcherDockerTests
{
    private const string ShopMain = "https://github.com/acme/shop|main|";

    [Theory]
    [InlineData("shop", "", null, "web@main, worker@main, redis")]
    [InlineData("shop", "||", null, "web@main, worker@main, redis")]
    [InlineData("shop", "||;||", null, "web@main, worker@main, redis")]
    [InlineData("platform", "", null, "web@main, worker@main, api@develop, docs@gh-pages, redis")]
    [InlineData("cache", "", null, "redis, memcached")]
    [InlineData("shop", "", "worker", "worker@main")]
    [InlineData("shop", "", "redis", "redis")]
    [InlineData("shop", "", "redis,web", "web@main, redis")]
    [InlineData("platform", "||", "docs,api", "api@develop, docs@gh-pages")]
    public void Decide_NoGitInformation_DeploysRequestedOrEveryServiceAsConfigured(string stack, string pushes, string? services, string expected)
    {
        var decision = ServiceMatcher.Decide(Named(stack), Pushes(pushes), Modifier(services));

        Assert.Equal(expected, Show(decision));
    }

    [Theory]
    [InlineData("https://github.com/acme/shop.git|main|9f3c")]
    [InlineData("https://github.com/acme/shop|main|9f3c")]
    [InlineData("http://github.com/ACME/Shop/|main|9f3c")]
    [InlineData("git@github.com:acme/shop.git|main|9f3c")]
    [InlineData("ssh://git@github.com:22/acme/shop.git|main|9f3c")]
    [InlineData("git://github.com/acme/shop.git|main|9f3c")]
    [InlineData("https://github.com/acme/shop git@github.com:acme/shop.git https://github.com/acme/shop.git|main|9f3c")]
    [InlineData("https://example.com/unrelated https://github.com/acme/shop|main|9f3c")]
    [InlineData("|main|9f3c")]
    public void Decide_PushOnTrackedBranch_DeploysMatchingServicesAtCommit(string pushes)
    {
        var decision = ServiceMatcher.Decide(Shop, Pushes(pushes), null);

        Assert.Equal("web#9f3c, worker#9f3c", Show(decision));
    }

    [Theory]
    [InlineData("shop", ShopMain, "web@main, worker@main")]
    [InlineData("shop", "https://github.com/acme/shop||9f3c", "web#9f3c, worker#9f3c")]
    [InlineData("shop", "||9f3c", "web#9f3c, worker#9f3c")]
    [InlineData("platform", "https://github.com/acme/shop||9f3c", "web#9f3c, worker#9f3c, docs#9f3c")]
    [InlineData("platform", "|develop|ab12", "api#ab12")]
    [InlineData("platform", "||9f3c", "web#9f3c, worker#9f3c, api#9f3c, docs#9f3c")]
    [InlineData("platform", "git@gitlab.com:acme/api.git|develop|ab12", "api#ab12")]
    [InlineData("platform", "https://github.com/acme/shop|gh-pages|d0c5", "docs#d0c5")]
    public void Decide_PushNamingPartOfTheSource_DeploysOnlyMatchingGitServices(string stack, string pushes, string expected)
    {
        var decision = ServiceMatcher.Decide(Named(stack), Pushes(pushes), null);

        Assert.Equal(expected, Show(decision));
    }

    [Theory]
    [InlineData("https://github.com/acme/shop|main|aaa1;https://gitlab.com/acme/api|develop|bbb2", "web#aaa1, worker#aaa1, api#bbb2")]
    [InlineData("https://gitlab.com/acme/api|develop|bbb2;https://github.com/acme/shop|gh-pages|ccc3", "api#bbb2, docs#ccc3")]
    [InlineData("https://github.com/acme/shop|feature|fff0;https://github.com/acme/shop|main|aaa1", "web#aaa1, worker#aaa1")]
    [InlineData("https://github.com/acme/shop|main|aaa1;https://github.com/acme/shop|main|aaa2", "web#aaa1, worker#aaa1")]
    [InlineData("https://github.com/acme/shop|main|;https://github.com/acme/shop|main|aaa2", "web#aaa2, worker#aaa2")]
    [InlineData("https://github.com/acme/shop||aaa1;https://github.com/acme/shop|gh-pages|ccc3", "web#aaa1, worker#aaa1, docs#aaa1")]
    public void Decide_SeveralPushes_EachServiceTakesTheCommitOfThePushItMatched(string pushes, string expected)
    {
        var decision = ServiceMatcher.Decide(Platform, Pushes(pushes), null);

        Assert.Equal(expected, Show(decision));
    }

    [Theory]
    [InlineData("shop", "https://github.com/acme/shop|main|9f3c", "web", "web#9f3c")]
    [InlineData("shop", "https://github.com/acme/shop|main|9f3c", "redis", "redis")]
    [InlineData("shop", "https://github.com/acme/shop|main|9f3c", "redis,web", "web#9f3c, redis")]
    [InlineData("shop", "|main|", "redis,worker", "worker@main, redis")]
    [InlineData("platform", "https://github.com/acme/shop|main|9f3c", "api,web", "web#9f3c, api@develop")]
    [InlineData("platform", "https://gitlab.com/acme/api|develop|ab12", "web,redis", "web@main, redis")]
    [InlineData("platform", "https://gitlab.com/acme/api|develop|ab12;https://github.com/acme/shop|main|9f3c", "docs,worker,api", "worker#9f3c, api#ab12, docs@gh-pages")]
    public void Decide_ModifierAndAMatchingService_DeploysEveryRequestedServiceMatchingOnesAtCommit(string stack, string pushes, string services, string expected)
    {
        var decision = ServiceMatcher.Decide(Named(stack), Pushes(pushes), Modifier(services));

        Assert.Equal(expected, Show(decision));
    }

    [Theory]
    [InlineData("https://github.com/acme/shop|develop|9f3c", null)]
    [InlineData("https://github.com/acme/shop|develop|9f3c", "web,redis")]
    [InlineData("https://github.com/acme/other|main|9f3c", null)]
    [InlineData("https://github.com/acme/other|main|9f3c", "redis")]
    [InlineData("|Main|9f3c", null)]
    [InlineData("https://github.com/acme/shop|refs/heads/main|9f3c", null)]
    [InlineData("acme/shop|main|9f3c", null)]
    [InlineData("||;https://github.com/acme/shop|develop|9f3c", null)]
    public void Decide_NothingMatches_Skips(string pushes, string? services)
    {
        var decision = ServiceMatcher.Decide(Shop, Pushes(pushes), Modifier(services));

        Assert.IsType<SkipDecision>(decision);
    }

    [Theory]
    [InlineData("https://github.com/acme/shop.git|develop|9f3c",
        "no service tracks the pushed branch: pushed github.com/acme/shop@develop; stack tracks github.com/acme/shop@main (web, worker)")]
    [InlineData("git@github.com:acme/shpo.git|main|9f3c",
        "no service tracks the pushed repository: pushed github.com/acme/shpo@main; stack tracks github.com/acme/shop@main (web, worker)")]
    [InlineData("https://github.com/acme/other|develop|9f3c",
        "no service tracks the pushed repository or branch: pushed github.com/acme/other@develop; stack tracks github.com/acme/shop@main (web, worker)")]
    [InlineData("|develop|9f3c",
        "no service tracks the pushed branch: pushed branch develop (no repository); stack tracks github.com/acme/shop@main (web, worker)")]
    [InlineData("https://github.com/acme/other||9f3c",
        "no service tracks the pushed repository: pushed github.com/acme/other (no branch); stack tracks github.com/acme/shop@main (web, worker)")]
    [InlineData("acme/shop|main|9f3c",
        "no service tracks the pushed repository: pushed acme/shop@main; stack tracks github.com/acme/shop@main (web, worker)")]
    [InlineData("https://github.com/acme/shop|develop|1;https://github.com/acme/shop|release|2",
        "no service tracks the pushed branches: pushed github.com/acme/shop@develop, github.com/acme/shop@release; stack tracks github.com/acme/shop@main (web, worker)")]
    public void Decide_NothingMatches_ReasonNamesWhatWasPushedAndWhatIsTracked(string pushes, string expected)
    {
        var decision = ServiceMatcher.Decide(Shop, Pushes(pushes), null);

        Assert.Equal(expected, ReasonOf(decision));
    }

    [Fact]
    public void Decide_NothingMatchesOnSeveralSources_ReasonListsEachSourceWithItsServices()
    {
        var decision = ServiceMatcher.Decide(Platform, Pushes("https://github.com/acme/shop|develop|9f3c"), Modifier("redis"));

        Assert.Equal(
            "no service tracks the pushed repository and branch together: pushed github.com/acme/shop@develop; stack tracks "
            + "github.com/acme/shop@main (web, worker), gitlab.com/acme/api@develop (api), github.com/acme/shop@gh-pages (docs)",
            ReasonOf(decision));
    }

    [Fact]
    public void Decide_PushToStackOfImagesOnly_SkipsSayingNoServiceIsGitSourced()
    {
        var decision = ServiceMatcher.Decide(ImagesOnly, Pushes(ShopMain + "9f3c"), Modifier("redis"));

        Assert.Equal(
            "the stack has no Git-sourced service for a push to match: pushed github.com/acme/shop@main; "
            + "a request without Git information redeploys every service",
            ReasonOf(decision));
    }

    [Theory]
    [InlineData("-https://github.com/acme/shop|main|", "nothing to deploy: branch main deleted")]
    [InlineData("https://github.com/acme/shop|tag:v1.0|9f3c", "nothing to deploy: tag v1.0 pushed (tags do not deploy)")]
    [InlineData("-https://github.com/acme/shop|tag:v1.0|", "nothing to deploy: tag v1.0 deleted")]
    [InlineData("-https://github.com/acme/shop|main|;-|main|;https://github.com/acme/shop|tag:v2|9f3c;||",
        "nothing to deploy: branch main deleted; tag v2 pushed (tags do not deploy)")]
    public void Decide_OnlyDeletedRefsOrTags_SkipsNamingThem(string pushes, string expected)
    {
        var decision = ServiceMatcher.Decide(Shop, Pushes(pushes), Modifier("redis"));

        Assert.Equal(expected, ReasonOf(decision));
    }

    [Theory]
    [InlineData("-https://github.com/acme/shop|develop|;https://github.com/acme/shop|main|9f3c", "web#9f3c, worker#9f3c")]
    [InlineData("https://github.com/acme/shop|tag:v1|aaaa;https://github.com/acme/shop|main|9f3c", "web#9f3c, worker#9f3c")]
    [InlineData("-https://github.com/acme/shop|main|0000;https://github.com/acme/shop||9f3c", "web#9f3c, worker#9f3c")]
    public void Decide_DeletedRefsAndTagsBesideAPush_AreIgnored(string pushes, string expected)
    {
        var decision = ServiceMatcher.Decide(Shop, Pushes(pushes), null);

        Assert.Equal(expected, Show(decision));
    }

    [Fact]
    public void Decide_EmptyStringsInAPush_CountAsAbsent()
    {
        var push = new Push(["", "  "], "", null, "");

        var decision = ServiceMatcher.Decide(Shop, [push], null);

        Assert.Equal("web@main, worker@main, redis", Show(decision));
    }

    [Fact]
    public void Decide_ModifierNamingOnlyServicesNoLongerDefined_Skips()
    {
        var decision = ServiceMatcher.Decide(Shop, Pushes(ShopMain + "9f3c"), Modifier("gone"));

        Assert.Equal("none of the requested services (gone) is defined on the stack shop any more", ReasonOf(decision));
    }

    [Fact]
    public void Decide_StackWithThousandServicesAndLongModifier_DeploysRequestedInStackOrder()
    {
        var services = Enumerable.Range(0, 1000)
            .Select(i => new Service($"s{i}", new GitSource($"https://github.com/acme/repo{i % 10}.git", i % 2 == 0 ? "main" : "develop")))
            .ToList();
        var stack = new Stack("big", StackKind.Docker, services);
        var requested = Enumerable.Range(0, 40).Select(i => $"s{999 - (i * 7)}").ToList();

        var decision = ServiceMatcher.Decide(stack, Pushes("git@github.com:acme/repo3.git|develop|c0de"), new ServicesModifier(requested));

        var deployed = Assert.IsType<DeployDecision>(decision).Services;
        Assert.Equal(requested.OrderBy(n => int.Parse(n[1..])), deployed.Select(s => s.Name));
        Assert.Equal("s943#c0de", Show(deployed.Single(s => s.Name == "s943")));
        Assert.Equal("s999@develop", Show(deployed.Single(s => s.Name == "s999")));
    }

    [Fact]
    public void Decide_ThousandServices_AllocatesForTheResultNotPerService()
    {
        var services = Enumerable.Range(0, 1000)
            .Select(i => i % 5 == 0
                ? new Service($"s{i}", Image: "img")
                : new Service($"s{i}", new GitSource($"{(i % 2 == 0 ? "https://github.com/" : "git@github.com:")}acme/repo{i % 10}.git", i % 3 == 0 ? "main" : "develop")))
            .ToList();
        var stack = new Stack("big", StackKind.Docker, services);
        var pushes = Pushes("https://github.com/acme/repo3 git@github.com:acme/repo3.git https://github.com/acme/repo3.git|develop|c0de");
        ServiceMatcher.Decide(stack, pushes, null);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var decision = ServiceMatcher.Decide(stack, pushes, null);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var deployed = Assert.IsType<DeployDecision>(decision).Services.Count;
        Assert.Equal(66, deployed);
        Assert.True(allocated < 2048 + (100 * deployed), $"{allocated} bytes for {deployed} deployed services");
    }

    [Fact]
    public void Decide_NothingMatchesOnThousandSources_ReasonIsCutShort()
    {
        var services = Enumerable.Range(0, 1000)
            .Select(i => new Service($"s{i}", new GitSource($"https://github.com/acme/repo{i % 100}", "main")))
            .ToList();

        var reason = ReasonOf(ServiceMatcher.Decide(new Stack("big", StackKind.Docker, services), Pushes("|develop|1"), null));

        Assert.EndsWith("github.com/acme/repo9@main (s9, s109, s209, s309, s409 and 5 more) and 90 more", reason);
        Assert.True(reason.Length < 1000, $"reason of {reason.Length} characters");
    }
}
