using Redeploy.Core.Matching;
using Redeploy.Core.Storage;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.Cli;

[Collection(AzuriteCollection.Name)]
public sealed class RedeployCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Redeploy_RequestDispatched_PrintsIdThenOutcomeAndExitsZero()
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));
        var uid = (await cli.StackAsync("shop")).Uid;

        var running = cli.RunAsync("redeploy", "-s", "shop", "--git-ref", "9f3c1a2b4d", "--timeout", "30");
        var record = await ImitateProcessorAsync(cli, uid, r => r with
        {
            Status = RequestStatus.Dispatched,
            Services = [new ServiceDeployment("web", Commit: "9f3c1a2b4d")],
        });
        var run = await running;

        Assert.Equal(0, run.Exit);
        Assert.Equal(record.RequestId, run.OutLines[0]);
        Assert.Equal("status: dispatched: web@9f3c1a2", run.OutLines[^1]);
        Assert.Equal("manual @ 9f3c1a2", record.Summary);
    }

    [Fact]
    public async Task Redeploy_RequestFailed_ExitsOneWithTheReason()
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));
        var uid = (await cli.StackAsync("blog")).Uid;

        var running = cli.RunAsync("redeploy", "-s", "blog", "--timeout", "30");
        await ImitateProcessorAsync(cli, uid, r => r with { Status = RequestStatus.Failed, Reason = "the stack no longer exists" });
        var run = await running;

        Assert.Equal(1, run.Exit);
        Assert.Equal("status: failed (the stack no longer exists)", run.OutLines[^1]);
    }

    [Fact]
    public async Task Redeploy_NobodyProcesses_TimesOutWithExitOne()
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));

        var run = await cli.RunAsync("redeploy", "-s", "blog", "--timeout", "1");

        Assert.Equal(1, run.Exit);
        Assert.Equal("status: queued", run.OutLines[^1]);
        Assert.Contains("still queued after 1 s", run.Error);
    }

    [Fact]
    public async Task Redeploy_RootFormWithoutFollowing_QueuesOneMessageAndPrintsTheId()
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));
        var uid = (await cli.StackAsync("shop")).Uid;

        var run = await cli.RunAsync("-s", "shop", "--timeout", "0");

        Assert.Equal(0, run.Exit);
        var record = Assert.Single(await cli.Storage.Requests.ListRecentAsync(uid, 10, CancellationToken.None));
        Assert.Equal([record.RequestId], run.OutLines);
        Assert.Equal(("manual", "manual"), (record.Sender, record.Summary));
        var queue = new Azure.Storage.Queues.QueueClient(cli.ConnectionString, cli.Storage.Options.RequestQueue);
        Assert.Single((await queue.PeekMessagesAsync(maxMessages: 32)).Value);
    }

    [Theory]
    [InlineData("nope", "9f3c1a2", "no stack named 'nope'")]
    [InlineData("shop", "HEAD", "the git ref must be a commit id")]
    public async Task Redeploy_UnknownStackOrBadRef_ExitsOneAndQueuesNothing(string stack, string gitRef, string message)
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));

        var run = await cli.RunAsync("redeploy", "-s", stack, "--git-ref", gitRef);

        Assert.Equal(1, run.Exit);
        Assert.Contains(message, run.Error);
        var queue = new Azure.Storage.Queues.QueueClient(cli.ConnectionString, cli.Storage.Options.RequestQueue);
        Assert.Empty((await queue.PeekMessagesAsync(maxMessages: 32)).Value);
    }

    /// <summary>Waits for the command's request row and moves it on as the queue processor would.</summary>
    private static async Task<RequestRecord> ImitateProcessorAsync(CliHarness cli, string uid, Func<RequestRecord, RequestRecord> outcome)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if ((await cli.Storage.Requests.ListRecentAsync(uid, 1, CancellationToken.None)).FirstOrDefault() is { } record
                && await cli.Storage.Requests.TryUpdateAsync(outcome(record), CancellationToken.None) is not null)
            {
                return record;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the command wrote no request row");
    }
}
