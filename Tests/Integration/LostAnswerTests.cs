using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Redeploy.Core.Intake;
using Redeploy.Core.Processing;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Integration;

/// <summary>
/// A write lands in Azurite but its answer is lost, so the table client sends it again and gets 409 or 412 for its own
/// write: the intake and the processor must recognise it as theirs (issue 17's lost deliveries).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LostAnswerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Post_InsertAnswerLost_Answers202AndQueuesTheMessage()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var lost = new LostAnswerPolicy(LostAnswerPolicy.IsInsert);
        var requests = new RequestLog(TablesWith(lost), pipeline.Options);
        var intake = new HookIntake(pipeline.Stacks, requests, pipeline.RequestQueue, pipeline.Options, pipeline.Time, NullLogger<HookIntake>.Instance);

        var answer = await Post(pipeline, intake, uid, token);

        Assert.Equal(1, lost.Lost);
        Assert.Equal(202, answer.Status);
        Assert.Equal(1, await pipeline.RequestMessageCountAsync());
        Assert.NotNull((await pipeline.Requests.GetAsync(uid, answer["requestId"]!, CancellationToken.None))!.Message);
    }

    [Fact]
    public async Task TryUpdate_AnswerLost_ReturnsTheWrittenRow()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var accepted = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());
        var lost = new LostAnswerPolicy(LostAnswerPolicy.IsConditionalUpdate);
        var requests = new RequestLog(TablesWith(lost), pipeline.Options);
        var record = await requests.GetAsync(uid, accepted["requestId"]!, CancellationToken.None);

        var written = await requests.TryUpdateAsync(record! with { Status = RequestStatus.Skipped, Reason = "test" }, CancellationToken.None);

        Assert.Equal(1, lost.Lost);
        Assert.NotNull(written);
        Assert.Equal(RequestStatus.Skipped, written.Status);
        Assert.Null(await requests.TryUpdateAsync(record with { Status = RequestStatus.Failed }, CancellationToken.None));
    }

    [Fact]
    public async Task Post_DuplicateOfARowWhoseAttemptDiedBeforeQueueing_QueuesTheMessageItself()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var headers = Payloads.GitHubHeaders();
        var requestId = RequestIds.ForDelivery(uid, headers["X-GitHub-Delivery"]);
        // The first attempt inserted its row and died (or is still sending): nothing is on the queue yet.
        await pipeline.Requests.TryCreateAsync(
            new RequestRecord(uid, requestId, "shop", RequestStatus.Queued, pipeline.Time.GetUtcNow(), "GitHub", headers["X-GitHub-Delivery"], "main"),
            CancellationToken.None);

        var again = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: headers);
        await pipeline.ProcessQueuedAsync();

        Assert.Equal(200, again.Status);
        Assert.Equal("duplicate", again["status"]);
        Assert.Single(await pipeline.PeekJobsAsync());
        Assert.Equal(RequestStatus.Dispatched, (await pipeline.Requests.GetAsync(uid, requestId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Process_DispatchingAnswerLost_SendsOneJobAtOnce()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var accepted = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());
        var lost = new LostAnswerPolicy(LostAnswerPolicy.IsConditionalUpdate);
        var processor = new RequestProcessor(pipeline.Stacks, new RequestLog(TablesWith(lost), pipeline.Options), pipeline.Handover, pipeline.Time, NullLogger<RequestProcessor>.Instance);
        var message = (await pipeline.RequestQueueClient.ReceiveMessagesAsync(1)).Value.Single();

        // Today's code found its own "dispatching" row, took it for another attempt's and threw until the lease ran out.
        var status = await processor.ProcessAsync(RequestQueue.Deserialize(message.Body), CancellationToken.None);

        Assert.Equal(1, lost.Lost);
        Assert.Equal(RequestStatus.Dispatched, status);
        Assert.Single(await pipeline.PeekJobsAsync());
        Assert.Equal(RequestStatus.Dispatched, (await pipeline.Requests.GetAsync(uid, accepted["requestId"]!, CancellationToken.None))!.Status);
    }

    private TableServiceClient TablesWith(LostAnswerPolicy policy)
    {
        // The production client's retry settings (StorageClients), with the policy under the retry policy.
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        return new TableServiceClient(azurite.ConnectionString, options);
    }

    private static async Task<TestAnswer> Post(TestPipeline pipeline, HookIntake intake, string uid, string token)
    {
        var body = Payloads.GitHubPush();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
        context.Request.ContentLength = context.Request.Body.Length;
        context.Request.ContentType = "application/json";
        foreach (var (name, value) in Payloads.GitHubHeaders())
        {
            context.Request.Headers[name] = value;
        }

        context.Response.Body = new MemoryStream();
        var result = await new Redeploy.Functions.HookFunction(intake).RunAsync(context.Request, uid, token, CancellationToken.None);
        return await TestAnswer.ExecuteAsync(result, context);
    }
}
