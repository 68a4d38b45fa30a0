using Redeploy.Core.Stacks;
using Redeploy.Tests.Matching;
using Xunit;

namespace Redeploy.Tests.Stacks;

public sealed class StackRulesTests
{
    private static readonly GitSource Shop = new("https://github.com/acme/shop", "main");

    [Theory]
    [InlineData("shop")]
    [InlineData("my shop-2.web_1")]
    [InlineData("ü")]
    public void IsValidName_PlainName_True(string name) => Assert.True(StackRules.IsValidName(name));

    [Theory]
    [InlineData("")]
    [InlineData(" shop")]
    [InlineData("shop ")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("a\u0085b")]
    public void IsValidName_RowKeyCharacterOrSpacesAround_FalseWithReason(string name)
    {
        Assert.False(StackRules.IsValidName(name));
        Assert.StartsWith($"'{name}' cannot be a name", StackRules.NameError(name));
    }

    [Fact]
    public void IsValidName_Length_AtMost200()
    {
        Assert.True(StackRules.IsValidName(new string('a', StackRules.MaxNameLength)));
        Assert.False(StackRules.IsValidName(new string('a', StackRules.MaxNameLength + 1)));
        Assert.Null(StackRules.NameError("shop"));
    }

    [Theory]
    [InlineData("docker", StackKind.Docker)]
    [InlineData("Docker", StackKind.Docker)]
    [InlineData("CLASSIC", StackKind.Classic)]
    [InlineData("kubernetes", null)]
    [InlineData("", null)]
    public void ParseKind_Word_KindOrNull(string word, StackKind? expected) => Assert.Equal(expected, StackRules.ParseKind(word));

    [Fact]
    public void KindError_Word_NamesTheKinds() =>
        Assert.Equal("'swarm' is not a kind: docker or classic", StackRules.KindError("swarm"));

    [Theory]
    [InlineData(true, false, null)]
    [InlineData(false, true, null)]
    [InlineData(true, true, "a service has either git or image, not both")]
    [InlineData(false, false, "a service needs git (repository and branch) or image")]
    public void ServiceSourceError_Fields_ExactlyOneSource(bool hasGit, bool hasImage, string? expected) =>
        Assert.Equal(expected, StackRules.ServiceSourceError(hasGit, hasImage));

    [Fact]
    public void Problems_ContractSamples_None()
    {
        Assert.Empty(StackRules.Problems(MatchingSamples.Shop));
        Assert.Empty(StackRules.Problems(MatchingSamples.Blog));
    }

    [Fact]
    public void Problems_DockerWithGitAndNoServices_Both()
    {
        var stack = new Stack("shop", StackKind.Docker, [], Shop);

        Assert.Equal([StackRules.DockerWithGit, "a docker stack needs at least one service"], StackRules.Problems(stack));
    }

    [Fact]
    public void Problems_ClassicWithServicesAndNoGit_Both()
    {
        var stack = new Stack("blog", StackKind.Classic, [new Service("web", Shop)]);

        Assert.Equal([StackRules.ClassicWithServices, "a classic stack needs git (repository and branch)"], StackRules.Problems(stack));
    }

    [Fact]
    public void Problems_BadServices_EachNamed()
    {
        var stack = new Stack("shop/eu", StackKind.Docker,
        [
            new Service("web", Shop),
            new Service("web", Image: "nginx"),
            new Service("both", Shop, "nginx"),
            new Service("none"),
            new Service("a#b", Image: "redis"),
        ]);

        Assert.Equal(
            [
                StackRules.NameError("shop/eu")!,
                "a service named 'web' is declared twice",
                "both: a service has either git or image, not both",
                "none: a service needs git (repository and branch) or image",
                StackRules.NameError("a#b")!,
            ],
            StackRules.Problems(stack));
    }
}
