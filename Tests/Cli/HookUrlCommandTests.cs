using Redeploy.Cli.Tokens;
using Redeploy.Core.Security;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.Cli;

[Collection(AzuriteCollection.Name)]
public sealed class HookUrlCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Url_TokenKnownLocally_PrintsExactlyTheBareUrl()
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));
        var uid = (await cli.StackAsync("blog")).Uid;
        var token = new TokenCache(cli.TokensFile).Find(uid)!.Token;

        var run = await cli.RunAsync("hook", "url", "-s", "blog");

        Assert.Equal(0, run.Exit);
        Assert.Equal($"http://hooks.test/stacks/redeploy/{uid}/{token}\n", run.Out.ReplaceLineEndings("\n"));
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Url_TokenUnknownHere_FailsSuggestingRotate()
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));
        File.Delete(cli.TokensFile);

        var run = await cli.RunAsync("hook", "url", "-s", "blog");

        Assert.Equal(1, run.Exit);
        Assert.Empty(run.Out);
        Assert.Contains("redeploy hook rotate -s blog", run.Error);
    }

    [Fact]
    public async Task Url_CachedTokenRotatedOutElsewhere_FailsRatherThanPrintAnExpiringUrl()
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));
        var stack = await cli.StackAsync("blog");
        var stale = new TokenCache(cli.TokensFile).Find(stack.Uid)!.Token;
        var (rotated, _) = StackTokens.Rotate(stack, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        await cli.Storage.Stacks.SaveAsync(rotated, CancellationToken.None);

        var run = await cli.RunAsync("hook", "url", "-s", "blog");

        Assert.Equal(1, run.Exit);
        Assert.DoesNotContain(stale, run.Out + run.Error);
    }
}
