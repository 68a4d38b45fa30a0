using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Redeploy.Cli.Dev;
using Redeploy.Core.Hooks;
using Redeploy.Core.Intake;
using Redeploy.Core.Processing;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Integration;

/// <summary>
/// Row and message are written at once (docs/decisions.md): every order in which they land or fail, on Azurite. A
/// storage service that does not answer is an address nothing listens on.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RequestSubmitterTests(AzuriteFixture azurite)
{
    private static readonly StorageClients Dead = StorageClients.FromConnectionString(AzuriteProcess.ConnectionStringFor(1, 1, 1));

    [Fact]
    public async Task Post_RowNotWrittenButMessageQueued_Answers202AndTheProcessorWritesTheRow()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var intake = IntakeOverStorage.Create(pipeline, new RequestLog(Dead.Tables, pipeline.Options), pipeline.RequestQueue);
        var headers = Payloads.GitHubHeaders();

        var answer = await IntakeOverStorage.PostAsync(intake, uid, token, headers);
        var rowBefore = await pipeline.Requests.GetAsync(uid, answer["requestId"]!, CancellationToken.None);
        await pipeline.ProcessQueuedAsync();
        var again = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: headers);

        Assert.Equal(202, answer.Status);
        Assert.Null(rowBefore);
        var row = (await pipeline.Requests.GetAsync(uid, answer["requestId"]!, CancellationToken.None))!;
        Assert.Equal(
            (RequestStatus.Dispatched, "shop", "GitHub", headers["X-GitHub-Delivery"], pipeline.Time.GetUtcNow(), "main@9f3c1a2"),
            (row.Status, row.StackName, row.Sender, row.DeliveryId, row.ReceivedAt, row.Summary));
        Assert.Equal("main", Assert.Single(row.Pushes!).Branch);
        Assert.Single(await pipeline.PeekJobsAsync());
        Assert.Equal(("duplicate", answer["requestId"]), (again["status"], again["requestId"]));
    }

    [Fact]
    public async Task Post_QueueDownAndTheRowCannotBeTakenBack_Answers503AndTheReconcilerQueuesItPastTheInFlightWindow()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var requests = new RequestLog(new StorageOutage(down: true, only: RequestMethod.Delete).Tables(azurite.ConnectionString, maxRetries: 0), pipeline.Options);
        var intake = IntakeOverStorage.Create(pipeline, requests, new RequestQueue(Dead.Queues, pipeline.Options));
        var reconciler = new RequestReconciler(
            pipeline.Requests, pipeline.RequestQueue, pipeline.Services.GetRequiredService<RequestRetention>(), pipeline.Options, pipeline.Time, NullLogger<RequestReconciler>.Instance);
        var headers = Payloads.GitHubHeaders();
        var requestId = RequestIds.ForDelivery(uid, headers["X-GitHub-Delivery"]);

        var answer = await IntakeOverStorage.PostAsync(intake, uid, token, headers);
        var early = await reconciler.ReconcileAsync(CancellationToken.None);
        pipeline.Time.Advance(pipeline.Options.InFlightWindow + TimeSpan.FromSeconds(20));
        var due = await reconciler.ReconcileAsync(CancellationToken.None);
        await pipeline.ProcessQueuedAsync();

        Assert.Equal(503, answer.Status);
        Assert.Equal((1, 0), (early.Open, early.Resent));
        Assert.Equal((1, 1), (due.Open, due.Resent));
        Assert.Equal(requestId, Assert.Single(await pipeline.PeekJobsAsync()).JobId);
        Assert.Equal(RequestStatus.Dispatched, (await pipeline.Requests.GetAsync(uid, requestId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Post_QueueDown_Answers503AndTakesTheRowBack()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var intake = IntakeOverStorage.Create(pipeline, pipeline.Requests, new RequestQueue(Dead.Queues, pipeline.Options));

        var answer = await IntakeOverStorage.PostAsync(intake, uid, token, Payloads.GitHubHeaders());

        Assert.Equal(503, answer.Status);
        Assert.Empty(await pipeline.Requests.ListRecentAsync(uid, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Post_TablesAndQueueDown_Answers503AndStoresNothing()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var intake = IntakeOverStorage.Create(pipeline, new RequestLog(Dead.Tables, pipeline.Options), new RequestQueue(Dead.Queues, pipeline.Options));

        var answer = await IntakeOverStorage.PostAsync(intake, uid, token, Payloads.GitHubHeaders());

        Assert.Equal(503, answer.Status);
        Assert.Equal("30", answer.Headers["Retry-After"]);
        Assert.Equal("application/problem+json; charset=utf-8", answer.ContentType);
        Assert.Empty(await pipeline.Requests.ListRecentAsync(uid, 10, CancellationToken.None));
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }

    [Fact]
    public async Task Submit_MessageHandledBeforeTheRowLands_IsStillThisSubmissionsOwnAndAnotherIsADuplicate()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, _) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var stack = (await pipeline.Stacks.FindByUidAsync(uid, CancellationToken.None))!;
        var delivery = Delivery.Pushed(Sender.GitHub, "racing-delivery", "push", [new Push(["https://github.com/acme/shop"], "main", null, Payloads.Commit)]);
        var first = Triage(stack, delivery, pipeline);
        var second = Triage(stack, delivery, pipeline);
        var submitter = new RequestSubmitter(pipeline.Requests, pipeline.RequestQueue, NullLogger.Instance);

        // The processor took the first submission's message before its row was written, and wrote the row itself.
        var handled = await pipeline.Processor.ProcessAsync(RequestQueue.Deserialize(first.Message), CancellationToken.None);
        var (_, firstQueued) = await submitter.SubmitAsync(first.Record, first.Message, CancellationToken.None);
        var (secondRow, secondQueued) = await submitter.SubmitAsync(second.Record, second.Message, CancellationToken.None);
        await pipeline.ProcessQueuedAsync();

        Assert.Equal(RequestStatus.Dispatched, handled);
        Assert.True(firstQueued);
        Assert.False(secondQueued);
        Assert.Equal(first.Record.RequestId, secondRow.RequestId);
        Assert.Single(await pipeline.PeekJobsAsync());
    }

    [Fact]
    public async Task Post_DuplicateWhoseOwnSendFails_IsADuplicateOnlyOnceTheFirstIsKnownQueued()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var deadQueue = IntakeOverStorage.Create(pipeline, pipeline.Requests, new RequestQueue(Dead.Queues, pipeline.Options));
        var headers = Payloads.GitHubHeaders();
        var first = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: headers);

        var whileUnprocessed = await IntakeOverStorage.PostAsync(deadQueue, uid, token, headers);
        await pipeline.ProcessQueuedAsync();
        var onceProcessed = await IntakeOverStorage.PostAsync(deadQueue, uid, token, headers);

        Assert.Equal(202, first.Status);
        Assert.Equal(503, whileUnprocessed.Status);
        Assert.Equal((200, "duplicate", first["requestId"]), (onceProcessed.Status, onceProcessed["status"], onceProcessed["requestId"]));
        Assert.Single(await pipeline.PeekJobsAsync());
    }

    private static QueueRequest Triage(StoredStack stack, Delivery delivery, TestPipeline pipeline) =>
        Assert.IsType<QueueRequest>(IntakeTriage.Decide(stack, delivery, new Dictionary<string, IReadOnlyList<string>>(), pipeline.Time.GetUtcNow(), RequestIds.New()));
}
