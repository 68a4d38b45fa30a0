using Redeploy.Cli.Dev;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.Cli;

[Collection(AzuriteCollection.Name)]
public sealed class RedeployCliTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("stacks", "frobnicate")]
    [InlineData("hook", "url")]
    [InlineData("settings", "set", "-s", "shop", "continuous.deploy")]
    [InlineData]
    public async Task Run_WrongCommandLine_ExitsTwo(params string[] args)
    {
        using var cli = new CliHarness(azurite.ConnectionString);

        var run = await cli.RunRawAsync(args);

        Assert.Equal(2, run.Exit);
        Assert.StartsWith("error: ", run.Error);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Run_StorageUnreachable_ExitsThreeNamingTheAddress()
    {
        using var cli = new CliHarness(azurite.ConnectionString);

        var run = await cli.RunRawAsync("stacks", "list", "--connection", AzuriteProcess.ConnectionStringFor(1, 1, 1));

        Assert.Equal(3, run.Exit);
        Assert.Equal("error: no storage at 127.0.0.1:1: is Azurite running? `redeploy dev` starts one", run.Error.Trim());
    }

    [Fact]
    public async Task Run_UnusableConnectionString_ExitsOneSayingWhy()
    {
        using var cli = new CliHarness(azurite.ConnectionString);

        var run = await cli.RunRawAsync("stacks", "list", "--connection", "not a connection string");

        Assert.Equal(1, run.Exit);
        Assert.Contains("--connection", run.Error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("redeploy", "--help")]
    [InlineData("stacks", "apply", "--help")]
    public async Task Run_Help_ExitsZeroWithUsage(params string[] args)
    {
        using var cli = new CliHarness(azurite.ConnectionString);

        var run = await cli.RunRawAsync(args);

        Assert.Equal(0, run.Exit);
        Assert.Contains("Usage:", run.Out);
    }
}
