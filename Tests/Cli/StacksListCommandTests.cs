using Redeploy.Tests.Integration;

namespace Redeploy.Tests.Cli;

[Collection(AzuriteCollection.Name)]
public sealed class StacksListCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task List_TwoStacks_OneTabSeparatedLineEachByName()
    {
        using var cli = new CliHarness(azurite.ConnectionString, extra: new Dictionary<string, string?> { ["SHOP_WEBHOOK_SECRET"] = "x" });
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.yaml"));

        var run = await cli.RunAsync("stacks", "list");

        Assert.Equal(0, run.Exit);
        Assert.Equal(
            ["stack\tkind\tdeploy\tservices\tsecret\tcontinuous.deploy", "blog\tclassic\tpush\t-\tnot set\tnot set", "shop\tdocker\tpush\tweb, worker, redis\tset\tnot set"],
            run.OutLines);
    }

    [Fact]
    public async Task List_NoStacks_SaysSoOnStderr()
    {
        using var cli = new CliHarness(azurite.ConnectionString);

        var run = await cli.RunAsync("stacks", "list");

        Assert.Equal(0, run.Exit);
        Assert.Empty(run.Out);
        Assert.Contains("stacks apply", run.Error);
    }
}
