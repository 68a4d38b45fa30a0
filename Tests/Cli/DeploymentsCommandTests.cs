using Redeploy.Core.Matching;
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
            "when\tsender\trequest\toutcome\tservices\tid",
            "2025-03-01 12:02:00\tmanual\tmanual\tqueued\t-\ta3",
            "2025-03-01 12:01:00\tGitLab\tmain@9f3c1a2\tdispatched\tweb@9f3c1a2, redis\ta2",
            "2025-03-01 12:00:00\tGitHub\tdevelop@1111111\tskipped: no service tracks develop\t-\ta1",
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

    private static Task AddAsync(CliHarness cli, RequestRecord record) => cli.Storage.Requests.TryCreateAsync(record, CancellationToken.None);
}
