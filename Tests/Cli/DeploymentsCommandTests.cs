using Azure.Storage.Queues.Models;
using Redeploy.Core.GitHub;
using Redeploy.Core.Matching;
using Redeploy.Core.Observers;
using Redeploy.Core.Processing;
using Redeploy.Core.Storage;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.Cli;

[Collection(AzuriteCollection.Name)]
public sealed class DeploymentsCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Deployments_SeveralRequests_NewestFirstWithOutcomeAndServices()
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));
        var uid = (await cli.StackAsync("shop")).Uid;
        var at = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await AddAsync(cli, new RequestRecord(uid, "a1", "shop", RequestStatus.Skipped, at, "GitHub", "d1", "develop@1111111", Reason: "no service tracks develop"));
        await AddAsync(cli, new RequestRecord(uid, "a3", "shop", RequestStatus.Queued, at.AddMinutes(2), "manual", null, "manual"));
        await AddAsync(cli, new RequestRecord(uid, "a2", "shop", RequestStatus.Dispatched, at.AddMinutes(1), "GitLab", "d2", "main@9f3c1a2",
            Services: [new ServiceDeployment("web", "9f3c1a2b"), new ServiceDeployment("redis")]));

        var run = await cli.RunAsync("deployments", "-s", "shop");

        Assert.Equal(0, run.Exit);
        Assert.Equal(
        [
            "when\tsender\trequest\toutcome\tservices\tupdated\tlinks\tid",
            $"2025-03-01 12:02:00\tmanual\tmanual\tqueued\t-\t{Updated(run, 1)}\t-\ta3",
            $"2025-03-01 12:01:00\tGitLab\tmain@9f3c1a2\tdispatched\tweb@9f3c1a2, redis\t{Updated(run, 2)}\t-\ta2",
            $"2025-03-01 12:00:00\tGitHub\tdevelop@1111111\tskipped: no service tracks develop\t-\t{Updated(run, 3)}\t-\ta1",
        ], run.OutLines);
    }

    [Fact]
    public async Task Deployments_Count_LimitsToTheNewest()
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));
        var uid = (await cli.StackAsync("blog")).Uid;
        var at = DateTimeOffset.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            await AddAsync(cli, new RequestRecord(uid, $"r{i}", "blog", RequestStatus.Queued, at.AddSeconds(i), "manual", null, "manual"));
        }

        var run = await cli.RunAsync("deployments", "-s", "blog", "-n", "1");

        Assert.Equal(2, run.OutLines.Count);
        Assert.EndsWith("\tr2", run.OutLines[1]);
    }

    [Fact]
    public async Task Report_StartedThenSucceeded_ShowsInDeploymentsWithTheLinks()
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));
        var uid = (await cli.StackAsync("shop")).Uid;
        var requestId = new string('c', 32);
        await AddAsync(cli, new RequestRecord(uid, requestId, "shop", RequestStatus.Dispatched, DateTimeOffset.UtcNow, "manual", null, "manual"));
        await cli.Storage.Jobs.AddTokenAsync(requestId, uid, Redeploy.Core.Security.HookToken.Hash(Redeploy.Core.Security.HookToken.New()), CancellationToken.None);

        var started = await cli.RunAsync("deployments", "report", "-s", "shop", "--job", requestId, "--state", "started", "--log-url", "https://ci.example/7");
        var succeeded = await cli.RunAsync("deployments", "report", "-s", "shop", "--job", requestId, "--state", "succeeded", "--environment-url", "https://shop.example");
        var again = await cli.RunAsync("deployments", "report", "-s", "shop", "--job", requestId, "--state", "failed");
        var list = await cli.RunAsync("deployments", "-s", "shop");

        Assert.Equal((0, "status: deploying"), (started.Exit, started.Out.Trim()));
        Assert.Equal((0, "status: succeeded"), (succeeded.Exit, succeeded.Out.Trim()));
        Assert.Equal(1, again.Exit);
        Assert.Contains("the deployment is succeeded", again.Error);
        var row = list.OutLines[1].Split('\t');
        Assert.Equal(("succeeded", "log https://ci.example/7 env https://shop.example"), (row[3], row[6]));
    }

    [Fact]
    public async Task Report_ContinuousDeployStackWithGitHubSettings_QueuesTheGitHubStatusOnceApplied()
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        cli.Set("Redeploy__GitHub__Token", "ghp_cli-token");
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));
        var stack = await cli.StackAsync("shop");
        await cli.Storage.Stacks.SaveAsync(stack with { Settings = new Dictionary<string, string> { [GitHubSettings.ContinuousDeploy] = "true" } }, CancellationToken.None);
        var requestId = Guid.NewGuid().ToString("N");
        await AddAsync(cli, new RequestRecord(stack.Uid, requestId, "shop", RequestStatus.Dispatched, DateTimeOffset.UtcNow, "manual", null, "manual"));
        await cli.Storage.Jobs.AddTokenAsync(requestId, stack.Uid, Redeploy.Core.Security.HookToken.Hash(Redeploy.Core.Security.HookToken.New()), CancellationToken.None);

        await cli.RunAsync("deployments", "report", "-s", "shop", "--job", requestId, "--state", "started", "--log-url", "https://ci.example/7");
        await cli.RunAsync("deployments", "report", "-s", "shop", "--job", requestId, "--state", "started", "--log-url", "https://ci.example/7");

        // The Functions app's queue, shared by every test of this emulator: this request's updates are taken off it.
        var queue = StorageClients.FromConnectionString(azurite.ConnectionString).Queues.GetQueueClient(GitHubUpdateQueue.Name);
        QueueMessage[] messages = await queue.ReceiveMessagesAsync(maxMessages: 32);
        var mine = messages.Where(m => GitHubUpdateQueue.Deserialize(m.Body).RequestId == requestId).ToList();
        foreach (var message in mine)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        var update = GitHubUpdateQueue.Deserialize(Assert.Single(mine).Body);
        Assert.Equal(new GitHubUpdate(1, stack.Uid, requestId, DeploymentState.Started, null, "https://ci.example/7", null), update);
    }

    [Fact]
    public async Task Report_JobOfAnotherStackOrBadUrl_FailsAndChangesNothing()
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        await cli.RunAsync("stacks", "apply", "-f", CliHarness.Fixture("shop-and-blog.json"));
        var uid = (await cli.StackAsync("shop")).Uid;
        var requestId = new string('d', 32);
        await AddAsync(cli, new RequestRecord(uid, requestId, "shop", RequestStatus.Dispatched, DateTimeOffset.UtcNow, "manual", null, "manual"));
        await cli.Storage.Jobs.AddTokenAsync(requestId, uid, Redeploy.Core.Security.HookToken.Hash(Redeploy.Core.Security.HookToken.New()), CancellationToken.None);

        var otherStack = await cli.RunAsync("deployments", "report", "-s", "blog", "--job", requestId, "--state", "started");
        var badUrl = await cli.RunAsync("deployments", "report", "-s", "shop", "--job", requestId, "--state", "started", "--log-url", "file:///etc/passwd");

        Assert.Equal((1, 1), (otherStack.Exit, badUrl.Exit));
        Assert.Contains($"no job {requestId} for stack 'blog'", otherStack.Error);
        Assert.Contains("--log-url must be an absolute http or https URL", badUrl.Error);
        Assert.Equal(RequestStatus.Dispatched, (await cli.Storage.Requests.GetAsync(uid, requestId, CancellationToken.None))!.Status);
    }

    // The row's own timestamp: when it was written here, not a fixed time.
    private static string Updated(CliRun run, int line) => run.OutLines[line].Split('\t')[5];

    private static Task AddAsync(CliHarness cli, RequestRecord record) => cli.Storage.Requests.TryCreateAsync(record, CancellationToken.None);
}
