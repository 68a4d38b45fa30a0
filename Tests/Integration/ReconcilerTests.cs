using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Redeploy.Core.Intake;
using Redeploy.Core.Matching;
using Redeploy.Core.Processing;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Integration;

/// <summary>Requests left half-done by an attempt that died are sent again, or past the bound marked failed.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReconcilerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Reconcile_QueuedRowWhoseMessageNeverQueued_SendsItPastTheInFlightWindowOnly()
    {
        var (pipeline, reconciler, uid, requestId) = await AcceptedThenMessageLostAsync();

        var early = await reconciler.ReconcileAsync(CancellationToken.None);
        pipeline.Time.Advance(pipeline.Options.InFlightWindow + TimeSpan.FromSeconds(20));
        var due = await reconciler.ReconcileAsync(CancellationToken.None);
        await pipeline.ProcessQueuedAsync();

        Assert.Equal((1, 0, 0), (early.Open, early.Resent, early.Failed));
        Assert.Equal((1, 1, 0), (due.Open, due.Resent, due.Failed));
        var job = Assert.Single(await pipeline.PeekJobsAsync());
        Assert.Equal(requestId, job.JobId);
        Assert.Equal(RequestStatus.Dispatched, (await pipeline.Requests.GetAsync(uid, requestId, CancellationToken.None))!.Status);
        Assert.Equal(0, (await reconciler.ReconcileAsync(CancellationToken.None)).Open);
    }

    [Fact]
    public async Task Reconcile_MarkedRowUntouchedPastResendAfter_SendsItAgainOnce()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var reconciler = NewReconciler(pipeline);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var accepted = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());
        // A processor took the request on (marked it) and died before it finished; its message was consumed.
        await DrainRequestQueueAsync(pipeline);
        var record = await pipeline.Requests.GetAsync(uid, accepted["requestId"]!, CancellationToken.None);
        await pipeline.Requests.TryUpdateAsync(record! with { Enqueued = true }, CancellationToken.None);

        pipeline.Time.Advance(pipeline.Options.InFlightWindow + TimeSpan.FromSeconds(20));
        var early = await reconciler.ReconcileAsync(CancellationToken.None);
        pipeline.Time.Advance(pipeline.Options.ResendAfter);
        var first = await reconciler.ReconcileAsync(CancellationToken.None);
        var second = await reconciler.ReconcileAsync(CancellationToken.None);
        await pipeline.ProcessQueuedAsync();

        Assert.Equal(0, early.Resent);
        Assert.Equal(1, first.Resent);
        Assert.Equal(0, second.Resent);
        Assert.Single(await pipeline.PeekJobsAsync());
    }

    [Fact]
    public async Task Reconcile_QueuedRowsWhoseMessagesStillWait_AreNotSentAgainWhateverTheirAge()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var reconciler = NewReconciler(pipeline);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders(delivery: "backlog-1"));
        await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders(delivery: "backlog-2"));

        // A backlog longer than the in-flight window: the processor has not reached these messages yet.
        pipeline.Time.Advance(pipeline.Options.ResendAfter + TimeSpan.FromMinutes(1));
        var behind = await reconciler.ReconcileAsync(CancellationToken.None);
        var waiting = await pipeline.RequestMessageCountAsync();
        // Their messages gone without being processed: the queue is past them, so they are sent again.
        await DrainRequestQueueAsync(pipeline);
        var lost = await reconciler.ReconcileAsync(CancellationToken.None);
        await pipeline.ProcessQueuedAsync();

        Assert.Equal((2, 0, 0), (behind.Open, behind.Resent, behind.Failed));
        Assert.Equal(2, waiting);
        Assert.Equal((2, 2, 0), (lost.Open, lost.Resent, lost.Failed));
        Assert.Equal(2, (await pipeline.PeekJobsAsync()).Count);
    }

    [Fact]
    public async Task Reconcile_QueuedRowOlderThanTheBacklogHead_IsSentAgain()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var reconciler = NewReconciler(pipeline);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var lost = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders(delivery: "lost"));
        await DrainRequestQueueAsync(pipeline);
        // Storage stamps rows and messages by its own clock, messages in whole seconds: let it move on a second.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders(delivery: "newer"));
        var lostId = lost["requestId"]!;

        pipeline.Time.Advance(pipeline.Options.InFlightWindow + TimeSpan.FromSeconds(20));
        var report = await reconciler.ReconcileAsync(CancellationToken.None);

        Assert.Equal((2, 1, 0), (report.Open, report.Resent, report.Failed));
        Assert.Equal(2, await pipeline.RequestMessageCountAsync());
        Assert.NotNull((await pipeline.Requests.GetAsync(uid, lostId, CancellationToken.None))!.ResentAt);
    }

    [Fact]
    public async Task Reconcile_DispatchingRowPastItsGrace_ResumesAndSendsOneJob()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var reconciler = NewReconciler(pipeline);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var accepted = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());
        await DrainRequestQueueAsync(pipeline);
        var record = await pipeline.Requests.GetAsync(uid, accepted["requestId"]!, CancellationToken.None);
        // A processor recorded its decision and died; its message was consumed.
        await pipeline.Requests.TryUpdateAsync(record! with { Status = RequestStatus.Dispatching, Services = [new ServiceDeployment("web", Payloads.Commit)] }, CancellationToken.None);

        pipeline.Time.Advance(RequestReconciler.DispatchGrace + TimeSpan.FromMinutes(1));
        var report = await reconciler.ReconcileAsync(CancellationToken.None);
        await pipeline.ProcessQueuedAsync();

        Assert.Equal(1, report.Resent);
        var job = Assert.Single(await pipeline.PeekJobsAsync());
        Assert.Equal([new ServiceDeployment("web", Payloads.Commit)], job.Services);
        Assert.Equal(RequestStatus.Dispatched, (await pipeline.Requests.GetAsync(uid, accepted["requestId"]!, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Reconcile_RequestPastGiveUpAfter_ReadsFailedWithAReason()
    {
        var (pipeline, reconciler, uid, requestId) = await AcceptedThenMessageLostAsync();

        pipeline.Time.Advance(pipeline.Options.GiveUpAfter + TimeSpan.FromSeconds(1));
        var report = await reconciler.ReconcileAsync(CancellationToken.None);

        Assert.Equal(1, report.Failed);
        var record = (await pipeline.Requests.GetAsync(uid, requestId, CancellationToken.None))!;
        Assert.Equal(RequestStatus.Failed, record.Status);
        Assert.Equal("not processed within 1 h", record.Reason);
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }

    [Fact]
    public async Task Reconcile_QueuedRowWithoutItsMessage_ReadsFailedOnceDue()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var reconciler = NewReconciler(pipeline);
        var (uid, _) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var requestId = RequestIds.New();
        // A row written before rows kept their message.
        await pipeline.Requests.TryCreateAsync(new RequestRecord(uid, requestId, "shop", RequestStatus.Queued, pipeline.Time.GetUtcNow(), "GitHub", "d", "main"), CancellationToken.None);

        var early = await reconciler.ReconcileAsync(CancellationToken.None);
        pipeline.Time.Advance(pipeline.Options.InFlightWindow + TimeSpan.FromSeconds(20));
        var due = await reconciler.ReconcileAsync(CancellationToken.None);

        Assert.Equal(0, early.Failed);
        Assert.Equal(1, due.Failed);
        Assert.Equal("its request message was lost before it was queued", (await pipeline.Requests.GetAsync(uid, requestId, CancellationToken.None))!.Reason);
    }

    private async Task<(TestPipeline Pipeline, RequestReconciler Reconciler, string Uid, string RequestId)> AcceptedThenMessageLostAsync()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var accepted = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());
        // As if the attempt had died after its insert: no message, no mark.
        await DrainRequestQueueAsync(pipeline);
        var record = await pipeline.Requests.GetAsync(uid, accepted["requestId"]!, CancellationToken.None);
        await pipeline.Requests.TryUpdateAsync(record! with { Enqueued = false }, CancellationToken.None);
        return (pipeline, NewReconciler(pipeline), uid, accepted["requestId"]!);
    }

    private static RequestReconciler NewReconciler(TestPipeline pipeline) =>
        new(pipeline.Requests, pipeline.RequestQueue, pipeline.Services.GetRequiredService<RequestRetention>(), pipeline.Options, pipeline.Time, NullLogger<RequestReconciler>.Instance);

    private static async Task DrainRequestQueueAsync(TestPipeline pipeline)
    {
        foreach (var message in (await pipeline.RequestQueueClient.ReceiveMessagesAsync(32)).Value)
        {
            await pipeline.RequestQueueClient.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }
}
