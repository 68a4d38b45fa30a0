using Microsoft.Extensions.Time.Testing;
using Redeploy.Cli.Tokens;
using Redeploy.Core.Security;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.Cli;

[Collection(AzuriteCollection.Name)]
public sealed class HookRotateCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Rotate_OldToken_WorksUntilTheGracePeriodEnds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var cli = new CliHarness(azurite.ConnectionString, time, new Dictionary<string, string?> { ["Redeploy__TokenGracePeriod"] = "02:00:00" });
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));
        var uid = (await cli.StackAsync("shop")).Uid;
        var oldToken = new TokenCache(cli.TokensFile).Find(uid)!.Token;

        var run = await cli.RunAsync("hook", "rotate", "-s", "shop");

        Assert.Equal(0, run.Exit);
        var newToken = new TokenCache(cli.TokensFile).Find(uid)!.Token;
        Assert.NotEqual(oldToken, newToken);
        Assert.Equal([$"http://hooks.test/stacks/redeploy/{uid}/{newToken}"], run.OutLines);
        var stack = await cli.StackAsync("shop");
        Assert.Equal(2, stack.Tokens.Count);
        Assert.True(HookToken.Matches(oldToken, stack.ValidTokenHashes(time.GetUtcNow().AddHours(2).AddSeconds(-1))));
        Assert.False(HookToken.Matches(oldToken, stack.ValidTokenHashes(time.GetUtcNow().AddHours(2))));
        Assert.True(HookToken.Matches(newToken, stack.ValidTokenHashes(time.GetUtcNow().AddDays(365))));
    }

    [Fact]
    public async Task Rotate_Twice_KeepsTwoTokensAndDropsTheOldest()
    {
        using var cli = new CliHarness(azurite.ConnectionString, new FakeTimeProvider(DateTimeOffset.UtcNow));
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));
        var uid = (await cli.StackAsync("shop")).Uid;
        var first = new TokenCache(cli.TokensFile).Find(uid)!.Token;
        await cli.RunAsync("hook", "rotate", "-s", "shop");
        var second = new TokenCache(cli.TokensFile).Find(uid)!.Token;

        await cli.RunAsync("hook", "rotate", "-s", "shop");

        var third = new TokenCache(cli.TokensFile).Find(uid)!.Token;
        var stack = await cli.StackAsync("shop");
        var now = cli.Time!.GetUtcNow();
        Assert.Equal(2, stack.Tokens.Count);
        Assert.Equal((false, true, true), (
            HookToken.Matches(first, stack.ValidTokenHashes(now)),
            HookToken.Matches(second, stack.ValidTokenHashes(now)),
            HookToken.Matches(third, stack.ValidTokenHashes(now))));
    }

    [Fact]
    public async Task Rotate_UnknownStack_FailsListingTheStacks()
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));

        var run = await cli.RunAsync("hook", "rotate", "-s", "shoop");

        Assert.Equal(1, run.Exit);
        Assert.Contains("no stack named 'shoop' (stacks: blog, shop)", run.Error);
        Assert.Empty(run.Out);
    }
}
