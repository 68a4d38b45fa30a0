using Redeploy.Tests.Integration;

namespace Redeploy.Tests.Cli;

[Collection(AzuriteCollection.Name)]
public sealed class StacksShowCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Show_StackWithSecret_SaysSetAndPrintsNoSecretNorHash()
    {
        using var cli = new CliHarness(azurite.ConnectionString, extra: new Dictionary<string, string?> { ["SHOP_WEBHOOK_SECRET"] = "shop-secret" });
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.yaml"));
        var stack = await cli.StackAsync("shop");

        var run = await cli.RunAsync("stacks", "show", "shop");

        Assert.Equal(0, run.Exit);
        Assert.Contains("secret: set", run.OutLines);
        Assert.Contains($"uid: {stack.Uid}", run.OutLines);
        Assert.Contains("tokens: 1 current", run.OutLines);
        Assert.Contains("worker\tgit@github.com:acme/shop.git main", run.OutLines);
        Assert.Contains("redis\timage redis:7", run.OutLines);
        Assert.DoesNotContain("shop-secret", run.Out);
        Assert.DoesNotContain(stack.Tokens[0].Hash, run.Out);
    }

    [Fact]
    public async Task Show_ClassicStackWithoutSecret_SaysNotSet()
    {
        using var cli = new CliHarness(azurite.ConnectionString, extra: new Dictionary<string, string?> { ["SHOP_WEBHOOK_SECRET"] = "x" });
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.yaml"));

        var run = await cli.RunAsync("stacks", "show", "blog");

        Assert.Equal(0, run.Exit);
        Assert.Contains("secret: not set", run.OutLines);
        Assert.Contains("git: https://bitbucket.org/acme/blog production", run.OutLines);
    }

    [Fact]
    public async Task Show_WebhookDeployer_ShowsKindAndUrlWithoutQueryOrSecret()
    {
        using var cli = new CliHarness(azurite.ConnectionString, extra: new Dictionary<string, string?> { ["DEPLOYER_SECRET"] = "whsec_c2VjcmV0LWRlcGxveWVyLWtleQ==" });
        var apply = await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("webhook-deployer.yaml"));
        Assert.Equal(0, apply.Exit);

        var shop = await cli.RunAsync("stacks", "show", "shop");
        var blog = await cli.RunAsync("stacks", "show", "blog");

        Assert.Contains("deployer: webhook http://127.0.0.1:8090/deploy", shop.OutLines);
        Assert.DoesNotContain("whsec_", shop.Out + apply.Out + apply.Error);
        Assert.DoesNotContain("key=k1", shop.Out);
        Assert.Contains("deployer: queue", blog.OutLines);
        Assert.Equal(new Redeploy.Core.Stacks.WebhookTarget("http://127.0.0.1:8090/deploy?key=k1", "whsec_c2VjcmV0LWRlcGxveWVyLWtleQ=="), (await cli.StackAsync("shop")).Deployer);
    }

    [Fact]
    public async Task Apply_WebhookDeployerWithoutItsVariable_WritesNothing()
    {
        using var cli = new CliHarness(azurite.ConnectionString);

        var apply = await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("webhook-deployer.yaml"));

        Assert.Equal(1, apply.Exit);
        Assert.Contains("stacks[0].deployer.webhook.secret: environment variable DEPLOYER_SECRET is not set", apply.Error);
        Assert.Null(await cli.Storage.Stacks.FindByNameAsync("shop", CancellationToken.None));
    }
}
