using Redeploy.Cli.Tokens;
using Redeploy.Core.GitHub;
using Redeploy.Tests.GitHub;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.Cli;

/// <summary>CONTRACT §8: <c>settings set continuous.deploy</c> and <c>hook rotate</c> write the repositories' webhooks on a fake GitHub.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ContinuousDeployCommandTests(AzuriteFixture azurite) : IDisposable
{
    private const string Secret = "shop-webhook-secret";
    private readonly FakeGitHub github = new();

    [Fact]
    public async Task On_NoHookYet_CreatesOnePerRepositoryAndStoresTheSetting()
    {
        using var cli = await ShopAsync();
        github.On("GET", "/repos/acme/shop/hooks", 200, "[]").On("POST", "/repos/acme/shop/hooks", 201, """{"id": 11}""");

        var run = await cli.RunAsync("settings", "set", "-s", "shop", "continuous.deploy", "true");

        Assert.Equal(0, run.Exit);
        Assert.Equal(["acme/shop: created", "shop: continuous.deploy = true"], run.OutLines);
        var stack = await cli.StackAsync("shop");
        var token = new TokenCache(cli.TokensFile).Find(stack.Uid)!.Token;
        var create = Assert.Single(github.CallsTo("POST", "/repos/acme/shop/hooks"));
        Assert.Equal(
            $$$"""{"name":"web","config":{"url":"http://hooks.test/stacks/redeploy/{{{stack.Uid}}}/{{{token}}}","content_type":"json","secret":"{{{Secret}}}","insecure_ssl":"0"},"events":["push","deployment"],"active":true}""",
            create.CompactBody);
        Assert.Equal("Bearer ghp_cli-token", create.Headers["authorization"]);
        Assert.Equal("true", stack.Settings["continuous.deploy"]);
        Assert.Equal(GitHubHookSync.SecretHash(11, Secret), GitHubSettings.HookSecretHashes(stack)["acme/shop"]);
        Assert.DoesNotContain(Secret, run.Out + run.Error);
        Assert.DoesNotContain("ghp_cli-token", run.Out + run.Error);
    }

    [Fact]
    public async Task On_Again_IsUnchanged()
    {
        using var cli = await ShopAsync();
        github.On("GET", "/repos/acme/shop/hooks", 200, "[]").On("POST", "/repos/acme/shop/hooks", 201, """{"id": 11}""");
        await cli.RunAsync("settings", "set", "-s", "shop", "continuous.deploy", "true");
        var stack = await cli.StackAsync("shop");
        var url = $"http://hooks.test/stacks/redeploy/{stack.Uid}/{new TokenCache(cli.TokensFile).Find(stack.Uid)!.Token}";
        github.On("GET", "/repos/acme/shop/hooks", 200, $$$"""[{"id": 11, "active": true, "events": ["push", "deployment"], "config": {"url": "{{{url}}}", "content_type": "json"}}]""");

        var run = await cli.RunAsync("settings", "set", "-s", "shop", "continuous.deploy", "true");

        Assert.Equal(0, run.Exit);
        Assert.Equal("acme/shop: unchanged", run.OutLines[0]);
        Assert.Single(github.CallsTo("POST", "/repos/acme/shop/hooks"));
        Assert.Empty(github.CallsTo("PATCH", "/repos/acme/shop/hooks/11"));
    }

    [Fact]
    public async Task Apply_ContinuousDeployOnAndTheStackSwitchedToCi_WarnsThatTheWebhooksNeedWritingAndCallsNoGitHub()
    {
        using var cli = await ShopAsync();
        github.On("GET", "/repos/acme/shop/hooks", 200, "[]").On("POST", "/repos/acme/shop/hooks", 201, """{"id": 11}""");
        await cli.RunAsync("settings", "set", "-s", "shop", "continuous.deploy", "true");
        var calls = github.Calls.Count;

        var run = await ApplyAsync(cli, "    kind: docker\n", "    kind: docker\n    deploy: { on: ci }\n");

        Assert.Equal(0, run.Exit);
        Assert.Contains(
            "warning: 'shop' now deploys on ci, and its GitHub webhooks are as they were: run `redeploy settings set -s shop continuous.deploy true` to write them",
            run.Error);
        Assert.Equal(calls, github.Calls.Count);
    }

    [Fact]
    public async Task Apply_ContinuousDeployOnAndTheSecretChanged_Warns()
    {
        using var cli = await ShopAsync();
        github.On("GET", "/repos/acme/shop/hooks", 200, "[]").On("POST", "/repos/acme/shop/hooks", 201, """{"id": 11}""");
        await cli.RunAsync("settings", "set", "-s", "shop", "continuous.deploy", "true");

        var run = await ApplyAsync(cli, "env:SHOP_WEBHOOK_SECRET", "env:OTHER_WEBHOOK_SECRET");

        Assert.Equal(0, run.Exit);
        Assert.Contains("warning: 'shop' has a new secret, and its GitHub webhooks are as they were", run.Error);
    }

    [Theory]
    [InlineData(true, "    kind: docker\n", "    kind: docker\n")]
    [InlineData(false, "    kind: docker\n", "    kind: docker\n    deploy: { on: ci }\n")]
    public async Task Apply_UnchangedOrContinuousDeployOff_NoWarning(bool continuousDeploy, string from, string to)
    {
        using var cli = await ShopAsync();
        github.On("GET", "/repos/acme/shop/hooks", 200, "[]").On("POST", "/repos/acme/shop/hooks", 201, """{"id": 11}""");
        if (continuousDeploy)
        {
            await cli.RunAsync("settings", "set", "-s", "shop", "continuous.deploy", "true");
        }

        var run = await ApplyAsync(cli, from, to);

        Assert.Equal(0, run.Exit);
        Assert.DoesNotContain("webhooks are as they were", run.Error);
    }

    [Theory]
    [InlineData(false, true, "GitHub credentials (Redeploy__GitHub__Token, or Redeploy__GitHub__AppId and Redeploy__GitHub__PrivateKey)")]
    [InlineData(true, false, "a webhook secret on 'shop'")]
    public async Task On_WithoutCredentialsOrSecret_FailsSayingWhatIsMissingAndStoresNothing(bool credentials, bool secret, string missing)
    {
        using var cli = await ShopAsync(credentials, secret);

        var run = await cli.RunAsync("settings", "set", "-s", "shop", "continuous.deploy", "true");

        Assert.Equal(1, run.Exit);
        Assert.Contains(missing, run.Error);
        Assert.Contains("nothing was changed", run.Error);
        Assert.Empty((await cli.StackAsync("shop")).Settings);
        Assert.Empty(github.Calls);
    }

    [Fact]
    public async Task On_GitHubRefuses_FailsAndLeavesTheSettingOff()
    {
        using var cli = await ShopAsync();
        github.On("GET", "/repos/acme/shop/hooks", 404, """{"message": "Not Found"}""");

        var run = await cli.RunAsync("settings", "set", "-s", "shop", "continuous.deploy", "true");

        Assert.Equal(1, run.Exit);
        Assert.Contains("acme/shop: GitHub answered 404 to GET /repos/acme/shop/hooks: Not Found", run.Error);
        Assert.False((await cli.StackAsync("shop")).Settings.ContainsKey("continuous.deploy"));
    }

    [Fact]
    public async Task Off_StoresFalseAndSaysTheHooksStay()
    {
        using var cli = await ShopAsync();

        var run = await cli.RunAsync("settings", "set", "-s", "shop", "continuous.deploy", "false");

        Assert.Equal(0, run.Exit);
        Assert.Contains("webhooks are left as they are", run.Error);
        Assert.Equal("false", (await cli.StackAsync("shop")).Settings["continuous.deploy"]);
        Assert.Empty(github.Calls);
    }

    [Fact]
    public async Task Environment_IsStoredAndShown()
    {
        using var cli = await ShopAsync();

        var run = await cli.RunAsync("settings", "set", "-s", "shop", "environment", " production ");
        var show = await cli.RunAsync("stacks", "show", "shop");

        Assert.Equal(0, run.Exit);
        Assert.Equal("production", (await cli.StackAsync("shop")).Settings["environment"]);
        Assert.Contains("environment: production", show.Out);
    }

    [Fact]
    public async Task Rotate_ContinuousDeployStack_UpdatesTheHooksUrl()
    {
        using var cli = await ShopAsync();
        github.On("GET", "/repos/acme/shop/hooks", 200, "[]").On("POST", "/repos/acme/shop/hooks", 201, """{"id": 11}""");
        await cli.RunAsync("settings", "set", "-s", "shop", "continuous.deploy", "true");
        var uid = (await cli.StackAsync("shop")).Uid;
        var oldUrl = $"http://hooks.test/stacks/redeploy/{uid}/{new TokenCache(cli.TokensFile).Find(uid)!.Token}";
        github.On("GET", "/repos/acme/shop/hooks", 200, $$$"""[{"id": 11, "active": true, "events": ["push", "deployment"], "config": {"url": "{{{oldUrl}}}", "content_type": "json"}}]""");
        github.On("PATCH", "/repos/acme/shop/hooks/11", 200, """{"id": 11}""");

        var run = await cli.RunAsync("hook", "rotate", "-s", "shop");

        Assert.Equal(0, run.Exit);
        var newUrl = Assert.Single(run.OutLines);
        Assert.NotEqual(oldUrl, newUrl);
        Assert.Equal(newUrl, Assert.Single(github.CallsTo("PATCH", "/repos/acme/shop/hooks/11")).Json.GetProperty("config").GetProperty("url").GetString());
        Assert.Contains("acme/shop: updated", run.Error);
    }

    [Fact]
    public async Task Rotate_ContinuousDeployStackWithoutCredentials_WarnsOnStderr()
    {
        using var cli = await ShopAsync();
        github.On("GET", "/repos/acme/shop/hooks", 200, "[]").On("POST", "/repos/acme/shop/hooks", 201, """{"id": 11}""");
        await cli.RunAsync("settings", "set", "-s", "shop", "continuous.deploy", "true");
        cli.Set("Redeploy__GitHub__Token", null);

        var run = await cli.RunAsync("hook", "rotate", "-s", "shop");

        Assert.Equal(0, run.Exit);
        Assert.Single(run.OutLines);
        Assert.Contains("warning: 'shop' has continuous.deploy on, but no GitHub credentials", run.Error);
        Assert.Empty(github.CallsTo("PATCH", "/repos/acme/shop/hooks/11"));
    }

    public void Dispose() => github.Dispose();

    // The stack file of ShopAsync with one text replaced, applied again.
    private static async Task<CliRun> ApplyAsync(CliHarness cli, string from, string to)
    {
        var file = Path.Combine(cli.Folder, "stacks.yaml");
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains(from, text);
        await File.WriteAllTextAsync(file, text.Replace(from, to, StringComparison.Ordinal));
        return await cli.RunAsync("stacks", "apply", "-f", file);
    }

    private async Task<CliHarness> ShopAsync(bool credentials = true, bool secret = true)
    {
        var cli = new CliHarness(azurite.ConnectionString, extra: new Dictionary<string, string?>
        {
            ["Redeploy__GitHub__ApiUrl"] = github.ApiUrl,
            ["Redeploy__GitHub__Host"] = "github.com",
            ["Redeploy__GitHub__Token"] = credentials ? "ghp_cli-token" : null,
            ["SHOP_WEBHOOK_SECRET"] = Secret,
            ["OTHER_WEBHOOK_SECRET"] = "another-webhook-secret",
        });
        var file = Path.Combine(cli.Folder, "stacks.yaml");
        await File.WriteAllTextAsync(file, $"""
            stacks:
              - name: shop
                kind: docker
            {(secret ? "    secret: env:SHOP_WEBHOOK_SECRET\n" : string.Empty)}    services:
                  - name: web
                    git: {"{"} repository: https://github.com/acme/shop.git, branch: main {"}"}
                  - name: redis
                    image: redis:7
            """);
        var applied = await cli.RunAsync("stacks", "apply", "-f", file);
        Assert.Equal(0, applied.Exit);
        return cli;
    }
}
