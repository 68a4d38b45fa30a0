using Redeploy.Tests.Integration;

namespace Redeploy.Tests.Cli;

[Collection(AzuriteCollection.Name)]
public sealed class SettingsSetCommandTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("false", "false")]
    [InlineData("False", "false")]
    public async Task Set_ContinuousDeploy_StoresTheBoolean(string value, string stored)
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));

        var run = await cli.RunAsync("settings", "set", "-s", "shop", "continuous.deploy", value);

        Assert.Equal(0, run.Exit);
        var stack = await cli.StackAsync("shop");
        Assert.Equal(stored, stack.Settings["continuous.deploy"]);
        Assert.Equal(2, stack.Definition.Services.Count);
    }

    [Theory]
    [InlineData("auto.deploy", "true", "unknown setting 'auto.deploy' (known: continuous.deploy, environment)")]
    [InlineData("continuous.deploy", "yes", "continuous.deploy is true or false, not 'yes'")]
    public async Task Set_UnknownKeyOrBadValue_RefusesAndStoresNothing(string key, string value, string message)
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));

        var run = await cli.RunAsync("settings", "set", "-s", "shop", key, value);

        Assert.Equal(1, run.Exit);
        Assert.Contains(message, run.Error);
        Assert.Empty((await cli.StackAsync("shop")).Settings);
    }
}
