using Redeploy.Core.Deployments;
using Redeploy.Core.Stacks;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.GitHub;

/// <summary>
/// CONTRACT §7 and §8 together: a push to a continuous.deploy stack, the deployer's callbacks, and what the fake GitHub
/// sees: one deployment and one status per state, in order.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class GitHubLifecycleTests(AzuriteFixture azurite) : IDisposable
{
    private const string Deployments = "/repos/acme/shop/deployments";
    private const string Statuses = "/repos/acme/shop/deployments/101/statuses";
    private readonly FakeGitHub github = new();

    [Fact]
    public async Task Push_DeployerCallbacks_OneDeploymentQueuedInProgressSuccess()
    {
        var (pipeline, callbackUrl) = await DispatchAsync();

        var started = await pipeline.PostReportAsync(callbackUrl, """{"state":"started","logUrl":"https://ci.example/runs/7"}""");
        Assert.Equal(1, await pipeline.UpdateAllAsync());
        var succeeded = await pipeline.PostReportAsync(callbackUrl, """{"state":"succeeded","environmentUrl":"https://shop.example"}""");
        Assert.Equal(1, await pipeline.UpdateAllAsync());

        Assert.Equal((202, 202), (started.Status, succeeded.Status));
        Assert.Single(github.CallsTo("POST", Deployments));
        Assert.Equal(
            [
                """{"state":"queued"}""",
                """{"state":"in_progress","log_url":"https://ci.example/runs/7"}""",
                """{"state":"success","environment_url":"https://shop.example","log_url":"https://ci.example/runs/7"}""",
            ],
            github.CallsTo("POST", Statuses).Select(c => c.CompactBody));
        pipeline.Dispose();
    }

    [Fact]
    public async Task FailedReport_PostsFailureWithTheDescription()
    {
        var (pipeline, callbackUrl) = await DispatchAsync();

        var failed = await pipeline.PostReportAsync(callbackUrl, """{"state":"failed","description":"image build failed","logUrl":"https://ci.example/runs/8"}""");
        await pipeline.UpdateAllAsync();

        Assert.Equal(202, failed.Status);
        Assert.Equal(
            ["""{"state":"queued"}""", """{"state":"failure","description":"image build failed","log_url":"https://ci.example/runs/8"}"""],
            github.CallsTo("POST", Statuses).Select(c => c.CompactBody));
        pipeline.Dispose();
    }

    [Fact]
    public async Task DuplicateOrRefusedReport_PostsNothingMore()
    {
        var (pipeline, callbackUrl) = await DispatchAsync();
        await pipeline.PostReportAsync(callbackUrl, """{"state":"succeeded"}""");
        await pipeline.UpdateAllAsync();
        var posted = github.CallsTo("POST", Statuses).Count;

        var duplicate = await pipeline.PostReportAsync(callbackUrl, """{"state":"succeeded"}""");
        var refused = await pipeline.PostReportAsync(callbackUrl, """{"state":"failed"}""");

        Assert.Equal((200, "duplicate", 409), (duplicate.Status, duplicate["status"], refused.Status));
        Assert.Equal(0, await pipeline.UpdateCountAsync());
        Assert.Equal(2, posted);
        Assert.Equal(posted, github.CallsTo("POST", Statuses).Count);
        pipeline.Dispose();
    }

    [Fact]
    public async Task WebhookDeployerRefuses_PostsErrorDeployerNeverReached()
    {
        github.On("POST", Deployments, 201, """{"id": 101}""");
        github.On("POST", Statuses, 201, """{"id": 1}""");
        github.On("POST", "/deployer", 410);
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, github);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, deployer: new WebhookTarget(github.ApiUrl + "/deployer", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        await pipeline.PushAsync(uid, token);
        Assert.Equal(1, await pipeline.UpdateAllAsync());

        var outcome = await pipeline.Requests.DeliverNextAsync(outbox: pipeline.DeliveryOutbox);
        Assert.Equal(1, await pipeline.UpdateAllAsync());

        Assert.Equal(DeliveryResult.Failed, outcome!.Result);
        var statuses = github.CallsTo("POST", Statuses).Select(c => c.Json).ToList();
        Assert.Equal(["queued", "error"], statuses.Select(s => s.GetProperty("state").GetString()));
        Assert.Equal($"deployer never reached: {outcome.Reason}", statuses[1].GetProperty("description").GetString());
    }

    public void Dispose() => github.Dispose();

    /// <summary>A push dispatched to a continuous.deploy stack and its <c>queued</c> status posted; the job's callback URL.</summary>
    private async Task<(GitHubPipeline Pipeline, string CallbackUrl)> DispatchAsync()
    {
        github.On("POST", Deployments, 201, """{"id": 101}""");
        github.On("POST", Statuses, 201, """{"id": 1}""");
        var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, github);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        await pipeline.PushAsync(uid, token);
        Assert.Equal(1, await pipeline.UpdateAllAsync());
        var job = Assert.Single(await pipeline.Requests.PeekJobsAsync());
        return (pipeline, job.CallbackUrl!);
    }
}
