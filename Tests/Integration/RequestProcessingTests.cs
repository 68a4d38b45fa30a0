using Redeploy.Core.Matching;
using Redeploy.Core.Processing;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Integration;

/// <summary>CONTRACT §4 and §5: outcomes reaching the requests table, the status endpoint and deployment-jobs.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RequestProcessingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Process_PushOnTrackedBranch_DispatchesMatchingServicesAtCommitInOneJob()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var accepted = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());

        Assert.Equal(1, await pipeline.ProcessQueuedAsync());

        var job = Assert.Single(await pipeline.PeekJobsAsync());
        Assert.Equal(accepted["requestId"], job.JobId);
        Assert.Equal("shop", job.StackName);
        Assert.Equal([new ServiceDeployment("web", Payloads.Commit), new ServiceDeployment("worker", Payloads.Commit)], job.Services);
        var status = await pipeline.GetStatusAsync(uid, token, accepted["requestId"]!);
        Assert.Equal(200, status.Status);
        Assert.Equal("dispatched", status["status"]);
        Assert.Equal("shop", status["stack"]);
        Assert.Equal(2, status.Json.GetProperty("services").GetArrayLength());
        Assert.Equal(Payloads.Commit, status.Json.GetProperty("services")[0].GetProperty("commit").GetString());
    }

    [Fact]
    public async Task Process_PushOnUntrackedBranch_RecordsSkippedWithReasonAndNoJob()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var accepted = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(branch: "feature/x"), headers: Payloads.GitHubHeaders());

        await pipeline.ProcessQueuedAsync();

        Assert.Empty(await pipeline.PeekJobsAsync());
        var status = await pipeline.GetStatusAsync(uid, token, accepted["requestId"]!);
        Assert.Equal("skipped", status["status"]);
        Assert.Contains("feature/x", status["reason"]);
        Assert.Contains("main", status["reason"]);
    }

    [Fact]
    public async Task Process_NoGitInformation_DeploysEveryServiceFromItsBranch()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        await pipeline.PostAsync(uid, token, body: null, contentType: null);

        await pipeline.ProcessQueuedAsync();

        var job = Assert.Single(await pipeline.PeekJobsAsync());
        Assert.Equal(
            [new ServiceDeployment("web", Branch: "main"), new ServiceDeployment("worker", Branch: "main"), new ServiceDeployment("api", Branch: "develop"), new ServiceDeployment("redis")],
            job.Services);
    }

    [Fact]
    public async Task Process_ServicesModifierWithMatchingPush_DeploysTheNamedServices()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders(), query: "services=web,redis");

        await pipeline.ProcessQueuedAsync();

        var job = Assert.Single(await pipeline.PeekJobsAsync());
        Assert.Equal([new ServiceDeployment("web", Payloads.Commit), new ServiceDeployment("redis")], job.Services);
    }

    [Fact]
    public async Task Process_ClassicStackPushOnItsBranch_DeploysTheStackAsOneUnit()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Blog);
        var body = $$"""{"repository": "https://bitbucket.org/acme/blog.git", "branch": "production", "commit": "{{Payloads.Commit}}"}""";
        await pipeline.PostAsync(uid, token, body);

        await pipeline.ProcessQueuedAsync();

        var job = Assert.Single(await pipeline.PeekJobsAsync());
        Assert.Equal([new ServiceDeployment("blog", Payloads.Commit)], job.Services);
    }

    [Fact]
    public async Task Process_SameMessageTwice_WritesOneJob()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());
        var message = (await pipeline.RequestQueueClient.ReceiveMessagesAsync(1)).Value.Single();

        // The host delivers at least once: a crash after the job was written and before the message was deleted
        // brings the same message back.
        await pipeline.Process.RunAsync(message, CancellationToken.None);
        await pipeline.Process.RunAsync(message, CancellationToken.None);

        Assert.Single(await pipeline.PeekJobsAsync());
    }

    [Fact]
    public async Task Process_MessageLeftDispatchingByACrash_SendsItsJobOnce()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var accepted = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());
        var record = await pipeline.Requests.GetAsync(uid, accepted["requestId"]!, CancellationToken.None);
        // An earlier attempt recorded its decision and died before sending the job.
        await pipeline.Requests.TryUpdateAsync(record! with { Status = RequestStatus.Dispatching, Services = [new ServiceDeployment("web", Payloads.Commit)] }, CancellationToken.None);
        pipeline.Time.Advance(RequestProcessor.DispatchLease + TimeSpan.FromSeconds(1));

        await pipeline.ProcessQueuedAsync();

        var job = Assert.Single(await pipeline.PeekJobsAsync());
        Assert.Equal([new ServiceDeployment("web", Payloads.Commit)], job.Services);
        Assert.Equal(RequestStatus.Dispatched, (await pipeline.Requests.GetAsync(uid, accepted["requestId"]!, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Process_DuplicateDelivery_WritesOneJob()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var headers = Payloads.GitHubHeaders(delivery: "same-delivery");
        await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: headers);
        await pipeline.ProcessQueuedAsync();

        var again = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: headers);
        await pipeline.ProcessQueuedAsync();

        Assert.Equal("duplicate", again["status"]);
        Assert.Single(await pipeline.PeekJobsAsync());
    }

    [Fact]
    public async Task MarkPoisoned_QueuedRequest_ReadsFailed()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var accepted = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());

        await pipeline.Processor.MarkPoisonedAsync(uid, accepted["requestId"]!, 5, CancellationToken.None);

        var status = await pipeline.GetStatusAsync(uid, token, accepted["requestId"]!);
        Assert.Equal("failed", status["status"]);
        Assert.Contains("5 attempts", status["reason"]);
    }

    [Fact]
    public async Task Status_WrongTokenOrUnknownRequest_Answers404()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var accepted = await pipeline.PostAsync(uid, token, body: null, contentType: null);

        var wrongToken = await pipeline.GetStatusAsync(uid, new string('c', 32), accepted["requestId"]!);
        var unknownRequest = await pipeline.GetStatusAsync(uid, token, new string('d', 32));

        Assert.Equal(404, wrongToken.Status);
        Assert.Equal(404, unknownRequest.Status);
        Assert.Equal("queued", (await pipeline.GetStatusAsync(uid, token, accepted["requestId"]!))["status"]);
    }

    [Fact]
    public async Task Process_SameMessageConcurrently_WritesOneJob()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());
        var message = (await pipeline.RequestQueueClient.ReceiveMessagesAsync(1)).Value.Single();

        // Copies of one message handled at once (its visibility ran out while the first was still running): the losers
        // throw and are retried later by the host; only one job is written.
        var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try
            {
                await pipeline.Process.RunAsync(message, CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
            }
        }));
        await Task.WhenAll(runs);
        await pipeline.Process.RunAsync(message, CancellationToken.None);

        Assert.Single(await pipeline.PeekJobsAsync());
    }

    [Fact]
    public async Task Process_MessageWhoseRowIsMissing_IsStillHandled()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var requestId = Redeploy.Core.Intake.RequestIds.New();
        await pipeline.RequestQueue.SendAsync(Redeploy.Core.Storage.RequestQueue.Serialize(new RequestMessage(1, requestId, uid, [], null)), CancellationToken.None);

        await pipeline.ProcessQueuedAsync();

        Assert.Single(await pipeline.PeekJobsAsync());
        var status = await pipeline.GetStatusAsync(uid, token, requestId);
        Assert.Equal("dispatched", status["status"]);
        Assert.Equal("shop", status["stack"]);
    }

    [Fact]
    public async Task MarkPoisoned_RequestLeftDispatching_ReadsFailedSayingTheJobMayHaveBeenSent()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var accepted = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());
        var record = await pipeline.Requests.GetAsync(uid, accepted["requestId"]!, CancellationToken.None);
        await pipeline.Requests.TryUpdateAsync(record! with { Status = RequestStatus.Dispatching }, CancellationToken.None);

        await pipeline.Processor.MarkPoisonedAsync(uid, accepted["requestId"]!, 5, CancellationToken.None);

        var status = await pipeline.GetStatusAsync(uid, token, accepted["requestId"]!);
        Assert.Equal("failed", status["status"]);
        Assert.Contains("may have been sent", status["reason"]);
    }
}
