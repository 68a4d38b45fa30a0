using Redeploy.Cli.Tokens;
using Redeploy.Core.Security;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.Cli;

[Collection(AzuriteCollection.Name)]
public sealed class StacksApplyCommandTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Secret = new() { ["SHOP_WEBHOOK_SECRET"] = "shop-secret" };

    [Fact]
    public async Task Apply_NewStacks_StoresThemAndPrintsTheirHookUrls()
    {
        using var cli = new CliHarness(azurite.ConnectionString, extra: Secret);

        var run = await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.yaml"));

        Assert.Equal(0, run.Exit);
        var shop = await cli.StackAsync("shop");
        var blog = await cli.StackAsync("blog");
        Assert.Equal("shop-secret", shop.WebhookSecret);
        Assert.Equal(["web", "worker", "redis"], shop.Definition.Services.Select(s => s.Name));
        var shopToken = new TokenCache(cli.TokensFile).Find(shop.Uid)!.Token;
        Assert.True(HookToken.Matches(shopToken, shop.ValidTokenHashes(DateTimeOffset.UtcNow)));
        Assert.Contains($"shop: http://hooks.test/stacks/redeploy/{shop.Uid}/{shopToken}", run.OutLines);
        Assert.Contains(run.OutLines, l => l.StartsWith($"blog: http://hooks.test/stacks/redeploy/{blog.Uid}/", StringComparison.Ordinal));
        Assert.DoesNotContain("shop-secret", run.Out + run.Error);
    }

    [Fact]
    public async Task Apply_Twice_ChangesNothingAndPrintsNoUrl()
    {
        using var cli = new CliHarness(azurite.ConnectionString, extra: Secret);
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.yaml"));
        var before = await cli.StackAsync("shop");

        var run = await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.yaml"));

        Assert.Equal(0, run.Exit);
        var after = await cli.StackAsync("shop");
        Assert.Equal(before.Uid, after.Uid);
        Assert.Equal(before.Tokens, after.Tokens);
        Assert.Equal(before.Definition.Services, after.Definition.Services);
        Assert.Contains("shop\tdocker\tunchanged", run.OutLines);
        Assert.Contains("blog\tclassic\tunchanged", run.OutLines);
        Assert.DoesNotContain("http://", run.Out);
    }

    [Fact]
    public async Task Apply_ChangedDefinition_KeepsUidTokenAndSettings()
    {
        using var cli = new CliHarness(azurite.ConnectionString, extra: Secret);
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.yaml"));
        await cli.RunAsync("settings", "set", "-s", "shop", "continuous.deploy", "false");
        var before = await cli.StackAsync("shop");

        var run = await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-web-on-develop.yaml"));

        Assert.Equal(0, run.Exit);
        var after = await cli.StackAsync("shop");
        Assert.Equal((before.Uid, before.Tokens[0]), (after.Uid, after.Tokens[0]));
        Assert.Equal("false", after.Settings["continuous.deploy"]);
        Assert.Equal(["web", "redis"], after.Definition.Services.Select(s => s.Name));
        Assert.Equal("develop", after.Definition.Services[0].Git!.Branch);
        Assert.Contains("shop\tdocker\tupdated", run.OutLines);
        Assert.DoesNotContain("http://", run.Out);
    }

    [Fact]
    public async Task Apply_SecretVariableMissing_FailsNamingItAndWritesNothing()
    {
        using var cli = new CliHarness(azurite.ConnectionString);

        var run = await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.yaml"));

        Assert.Equal(1, run.Exit);
        Assert.Contains("shop-and-blog.yaml:5: stacks[0].secret: environment variable SHOP_WEBHOOK_SECRET is not set", run.Error);
        Assert.Empty(await cli.Storage.Stacks.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Apply_LiteralSecret_StoresItWithAWarning()
    {
        using var cli = new CliHarness(azurite.ConnectionString);

        var run = await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("secret-literal.yaml"));

        Assert.Equal(0, run.Exit);
        Assert.Equal("s3cr3t-in-the-file", (await cli.StackAsync("shop")).WebhookSecret);
        Assert.Contains("warning: ", run.Error);
        Assert.Contains("stacks[0].secret: a literal secret", run.Error);
    }

    [Fact]
    public async Task Apply_KeyVaultSecret_StoresTheNameAloneAndShowsIt()
    {
        using var cli = new CliHarness(azurite.ConnectionString);

        var run = await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("secret-keyvault.yaml"));
        var again = await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("secret-keyvault.yaml"));
        var show = await cli.RunAsync("stacks", "show", "shop");

        Assert.Equal(0, run.Exit);
        Assert.Empty(run.Error);
        var stack = await cli.StackAsync("shop");
        Assert.Equal("shop-webhook-secret", stack.WebhookSecretKeyVaultName);
        Assert.Null(stack.WebhookSecret);
        Assert.Contains("shop\tdocker\tunchanged", again.OutLines);
        Assert.Contains("keyvault:shop-webhook-secret", show.Out);
    }

    [Theory]
    [InlineData("invalid-keyvault-name.yaml", ":4: stacks[0].secret: keyvault: needs a Key Vault secret name")]
    [InlineData("invalid-docker-with-git.yaml", ":4: stacks[0].git: ")]
    [InlineData("invalid-missing-name.json", ":3: stacks[0].name: required")]
    public async Task Apply_InvalidFile_FailsWithFileLineAndField(string file, string where)
    {
        using var cli = new CliHarness(azurite.ConnectionString);

        var run = await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture(file));

        Assert.Equal(1, run.Exit);
        Assert.Contains($"error: {CliHarness.Fixture(file)}{where}", run.Error);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Apply_MissingFile_FailsNamingIt()
    {
        using var cli = new CliHarness(azurite.ConnectionString);

        var run = await cli.RunAsync("stacks", "apply", "-f", "nowhere.yaml");

        Assert.Equal(1, run.Exit);
        Assert.Contains("nowhere.yaml: no such file", run.Error);
    }
}
