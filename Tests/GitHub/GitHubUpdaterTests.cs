using Redeploy.Core.GitHub;
using Redeploy.Core.Observers;
using Redeploy.Core.Processing;
using Redeploy.Core.Storage;
using Redeploy.Tests.Integration;
using DeploymentReport = Redeploy.Core.Observers.DeploymentReport;

namespace Redeploy.Tests.GitHub;

/// <summary>CONTRACT §8's outbox over Azurite and a fake GitHub: deployments on dispatch, statuses once per state, limits and failures.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class GitHubUpdaterTests(AzuriteFixture azurite) : IDisposable
{
    private const string Deployments = "/repos/acme/shop/deployments";
    private const string Statuses = "/repos/acme/shop/deployments/101/statuses";
    private readonly FakeGitHub github = new();

    [Fact]
    public async Task Dispatch_ContinuousDeployStack_JobFirstThenOneDeploymentPerRepositoryRefAndQueued()
    {
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, ArrangeGitHub());
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, environment: "production");

        var requestId = await pipeline.PushAsync(uid, token);

        Assert.Single(await pipeline.Requests.PeekJobsAsync());
        Assert.Empty(github.Calls);
        var update = Assert.Single(await pipeline.TakeUpdatesAsync());
        Assert.Equal(new GitHubUpdate(1, uid, requestId, DeploymentState.Dispatched), update);

        await pipeline.Updater.HandleAsync(update, CancellationToken.None);

        var deployment = Assert.Single(github.CallsTo("POST", Deployments));
        Assert.Equal(
            $$$$"""{"ref":"{{{{Payloads.Commit}}}}","task":"deploy","auto_merge":false,"required_contexts":[],"environment":"production","description":"Redeploy: web, worker","payload":{"redeploy":{"requestId":"{{{{requestId}}}}","jobId":"{{{{requestId}}}}","stack":"shop","services":["web","worker"]}}}""",
            deployment.CompactBody);
        Assert.Equal(["""{"state":"queued"}"""], github.CallsTo("POST", Statuses).Select(c => c.CompactBody));
        var recorded = Assert.Single((await pipeline.Deployments.GetAsync(uid, requestId, CancellationToken.None))!.Targets);
        Assert.Equal(("acme/shop", 101L, "queued", (string?)null), (recorded.Repository, recorded.DeploymentId, recorded.State, recorded.Error));
    }

    [Fact]
    public async Task Update_DeliveredAgain_PostsNothingTwice()
    {
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, ArrangeGitHub());
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var requestId = await pipeline.PushAsync(uid, token);
        var update = Assert.Single(await pipeline.TakeUpdatesAsync());

        await pipeline.Updater.HandleAsync(update, CancellationToken.None);
        await pipeline.Updater.HandleAsync(update, CancellationToken.None);

        Assert.Single(github.CallsTo("POST", Deployments));
        Assert.Single(github.CallsTo("POST", Statuses));
        Assert.Equal("shop", Assert.Single(github.CallsTo("POST", Deployments)).Json.GetProperty("environment").GetString());
    }

    [Fact]
    public async Task States_FollowTheDeployerQueuedInProgressSuccess_AndNeverGoBack()
    {
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, ArrangeGitHub());
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var requestId = await pipeline.PushAsync(uid, token);
        await pipeline.Updater.HandleAsync(Assert.Single(await pipeline.TakeUpdatesAsync()), CancellationToken.None);

        // What the lifecycle's callbacks will do: tell the observer of each report.
        await pipeline.Observer.OnStateAsync(uid, requestId, DeploymentState.Started, null, CancellationToken.None);
        await pipeline.Observer.OnStateAsync(
            uid, requestId, DeploymentState.Succeeded, new DeploymentReport(null, "https://ci.example/run/1", "https://shop.example"), CancellationToken.None);
        foreach (var update in await pipeline.TakeUpdatesAsync())
        {
            await pipeline.Updater.HandleAsync(update, CancellationToken.None);
        }

        await pipeline.Updater.HandleAsync(new GitHubUpdate(1, uid, requestId, DeploymentState.Started), CancellationToken.None);

        Assert.Equal(
            ["""{"state":"queued"}""", """{"state":"in_progress"}""", """{"state":"success","environment_url":"https://shop.example","log_url":"https://ci.example/run/1"}"""],
            github.CallsTo("POST", Statuses).Select(c => c.CompactBody));
        Assert.Single(github.CallsTo("POST", Deployments));
    }

    [Fact]
    public async Task FirstUpdateSeen_IsStarted_CreatesTheDeploymentAndPostsInProgressOnly()
    {
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, ArrangeGitHub());
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var requestId = await pipeline.PushAsync(uid, token);
        var dispatched = Assert.Single(await pipeline.TakeUpdatesAsync());

        await pipeline.Updater.HandleAsync(dispatched with { State = DeploymentState.Started }, CancellationToken.None);
        await pipeline.Updater.HandleAsync(dispatched, CancellationToken.None);

        Assert.Single(github.CallsTo("POST", Deployments));
        Assert.Equal(["in_progress"], github.CallsTo("POST", Statuses).Select(c => c.Json.GetProperty("state").GetString()));
    }

    [Theory]
    [InlineData(403, "30", "0", "00:00:30")]
    [InlineData(429, null, "0", "00:02:00")]
    public async Task RateLimited_RequeuesTheUpdateWithAVisibilityDelay(int status, string? retryAfter, string remaining, string wait)
    {
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, ArrangeGitHub());
        var now = pipeline.Requests.Time.GetUtcNow();
        pipeline.Requests.Time.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - (now.Ticks % TimeSpan.TicksPerSecond)));
        var headers = new Dictionary<string, string>
        {
            ["x-ratelimit-remaining"] = remaining,
            ["x-ratelimit-reset"] = pipeline.Requests.Time.GetUtcNow().AddMinutes(2).ToUnixTimeSeconds().ToString(),
        };
        if (retryAfter is not null)
        {
            headers["Retry-After"] = retryAfter;
        }

        github.On("POST", Deployments, status, """{"message": "You have exceeded a secondary rate limit"}""", headers);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var requestId = await pipeline.PushAsync(uid, token);
        var update = Assert.Single(await pipeline.TakeUpdatesAsync());

        await pipeline.Updater.HandleAsync(update, CancellationToken.None);

        Assert.Empty(await pipeline.TakeUpdatesAsync());
        Assert.Equal(1, await pipeline.UpdateCountAsync());
        Assert.Contains(pipeline.UpdaterLog.Lines, l => l.Contains($"Wait={wait}", StringComparison.Ordinal));
        var target = Assert.Single((await pipeline.Deployments.GetAsync(uid, requestId, CancellationToken.None))!.Targets);
        Assert.Null(target.Error);
        Assert.Null(target.DeploymentId);
    }

    [Fact]
    public async Task ServerError_ThrowsForTheHostToRetry_AndTheRetryCreatesOneDeployment()
    {
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, github);
        github.On("POST", Deployments, 502, """{"message": "Server Error"}""");
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var requestId = await pipeline.PushAsync(uid, token);
        var update = Assert.Single(await pipeline.TakeUpdatesAsync());

        var e = await Assert.ThrowsAsync<GitHubApiException>(() => pipeline.Updater.HandleAsync(update, CancellationToken.None));
        Assert.True(e.IsServerError);

        ArrangeGitHub();
        await pipeline.Updater.HandleAsync(update, CancellationToken.None);

        Assert.Equal([502, 201], github.CallsTo("POST", Deployments).Select(c => c.Status));
        Assert.Single(github.CallsTo("POST", Statuses));
    }

    [Fact]
    public async Task Refused_GivesUpRecordsTheErrorAndPostsNothingMore()
    {
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, ArrangeGitHub());
        github.On("POST", Deployments, 422, """{"message": "No ref found for: 9f3c1a2"}""");
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var requestId = await pipeline.PushAsync(uid, token);
        var update = Assert.Single(await pipeline.TakeUpdatesAsync());

        await pipeline.Updater.HandleAsync(update, CancellationToken.None);
        await pipeline.Updater.HandleAsync(update with { State = DeploymentState.Succeeded }, CancellationToken.None);

        var target = Assert.Single((await pipeline.Deployments.GetAsync(uid, requestId, CancellationToken.None))!.Targets);
        Assert.Equal("GitHub answered 422 to POST /repos/acme/shop/deployments: No ref found for: 9f3c1a2", target.Error);
        Assert.Contains(pipeline.UpdaterLog.Lines, l => l.Contains("Gave up on GitHub deployments", StringComparison.Ordinal));
        Assert.DoesNotContain(pipeline.UpdaterLog.Lines, l => l.Contains(pipeline.Client.Options.Token!, StringComparison.Ordinal));
        Assert.Single(github.CallsTo("POST", Deployments));
        Assert.Empty(github.CallsTo("POST", Statuses));
        Assert.Equal(0, await pipeline.UpdateCountAsync());
    }

    [Fact]
    public async Task StaleClaim_FindsTheDeploymentAnEarlierAttemptCreated()
    {
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, ArrangeGitHub());
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var requestId = await pipeline.PushAsync(uid, token);
        var update = Assert.Single(await pipeline.TakeUpdatesAsync());
        // An attempt that claimed the creation, created the deployment on GitHub and died before recording its id.
        var stack = (await pipeline.Requests.Stacks.FindByUidAsync(uid, CancellationToken.None))!;
        var request = (await pipeline.Requests.Requests.GetAsync(uid, requestId, CancellationToken.None))!;
        var planned = GitHubDeploymentPlan.Targets(stack.Definition, request.Services!, pipeline.Client.Options);
        await pipeline.Deployments.TrySaveAsync(
            new GitHubDeployments(uid, requestId, [planned[0] with { ClaimedAt = pipeline.Requests.Time.GetUtcNow() }]), CancellationToken.None);
        github.On("GET", Deployments, 200, $$$$"""[{"id": 55, "payload": {"redeploy": {"requestId": "other"}}}, {"id": 101, "payload": {"redeploy": {"requestId": "{{{{requestId}}}}"}}}]""");

        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.Updater.HandleAsync(update, CancellationToken.None));
        pipeline.Requests.Time.Advance(GitHubUpdater.ClaimLease);
        await pipeline.Updater.HandleAsync(update, CancellationToken.None);

        Assert.Empty(github.CallsTo("POST", Deployments));
        Assert.Equal($"{Deployments}?ref={Payloads.Commit}&environment=shop&per_page=30", Assert.Single(github.CallsTo("GET", Deployments)).Path);
        Assert.Single(github.CallsTo("POST", Statuses));
    }

    [Fact]
    public async Task GitHubDown_TheJobStillGoesAndTheUpdateWaitsForTheHostsRetry()
    {
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, github);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        github.Server.Stop();

        var requestId = await pipeline.PushAsync(uid, token);

        Assert.Single(await pipeline.Requests.PeekJobsAsync());
        Assert.Equal(RequestStatus.Dispatched, (await pipeline.Requests.Requests.GetAsync(uid, requestId, CancellationToken.None))!.Status);
        var update = Assert.Single(await pipeline.TakeUpdatesAsync());
        await Assert.ThrowsAsync<HttpRequestException>(() => pipeline.Updater.HandleAsync(update, CancellationToken.None));
    }

    [Fact]
    public async Task Dispatch_StackWithoutContinuousDeploy_QueuesNothing()
    {
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, ArrangeGitHub());
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, continuousDeploy: false);

        await pipeline.PushAsync(uid, token);

        Assert.Single(await pipeline.Requests.PeekJobsAsync());
        Assert.Equal(0, await pipeline.UpdateCountAsync());
    }

    public void Dispose() => github.Dispose();

    private FakeGitHub ArrangeGitHub()
    {
        github.On("POST", Deployments, 201, """{"id": 101}""");
        github.On("POST", Statuses, 201, """{"id": 1}""");
        return github;
    }
}
