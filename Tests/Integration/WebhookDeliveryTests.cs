using System.Text.Json;
using Redeploy.Core.Deployments;
using Redeploy.Core.Security;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Integration;

/// <summary>CONTRACT §7's webhook deployer: the outbox on Azurite delivering to a real local HTTP deployer.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookDeliveryTests(AzuriteFixture azurite)
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public async Task Deliver_DeployerAnswers2xx_PostsTheSignedJobOnceAndTheRequestReadsDispatched()
    {
        await using var deployer = await DeployerEndpoint.StartAsync();
        var (pipeline, uid, token, requestId) = await DispatchAsync(deployer.Url);
        Assert.Equal("queued", (await pipeline.GetStatusAsync(uid, token, requestId))["status"]);
        Assert.Empty(await pipeline.PeekJobsAsync());

        var outcome = await pipeline.DeliverNextAsync();

        Assert.Equal(DeliveryResult.Delivered, outcome!.Result);
        var delivery = Assert.Single(deployer.Received);
        var check = StandardWebhooks.Verify(
            delivery.Headers["webhook-id"], delivery.Headers["webhook-timestamp"], delivery.Headers["webhook-signature"], Secret, delivery.Body, pipeline.Time.GetUtcNow());
        Assert.Equal(SignatureCheck.Valid, check);
        Assert.Equal(requestId, delivery.Headers["webhook-id"]);
        var job = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal(1, job.GetProperty("v").GetInt32());
        Assert.Equal(requestId, job.GetProperty("jobId").GetString());
        Assert.Equal(requestId, job.GetProperty("requestId").GetString());
        Assert.StartsWith($"http://hooks.test/deployments/{requestId}/", job.GetProperty("callbackUrl").GetString());
        Assert.Equal(4, job.GetProperty("services").GetArrayLength());
        var status = await pipeline.GetStatusAsync(uid, token, requestId);
        Assert.Equal("dispatched", status["status"]);
        Assert.Equal(JsonValueKind.Null, status.Json.GetProperty("reason").ValueKind);
    }

    [Fact]
    public async Task Deliver_5xxThen2xx_RetriesAfterAboutASecondAndReadsQueuedWithTheReasonMeanwhile()
    {
        await using var deployer = await DeployerEndpoint.StartAsync();
        deployer.Answer(503);
        var (pipeline, uid, token, requestId) = await DispatchAsync(deployer.Url);

        var first = await pipeline.DeliverNextAsync();

        Assert.Equal(DeliveryResult.Retrying, first!.Result);
        Assert.Equal(TimeSpan.FromSeconds(1), first.Next!.Delay);
        var status = await pipeline.GetStatusAsync(uid, token, requestId);
        Assert.Equal(("queued", "deployer answered 503, retrying"), (status["status"], status["reason"]));
        Assert.Null(await pipeline.DeliverNextAsync());

        await pipeline.SkipDelayAsync(first.Next);
        var second = await pipeline.DeliverNextAsync();

        Assert.Equal(DeliveryResult.Delivered, second!.Result);
        Assert.Equal(2, deployer.Received.Count);
        Assert.Equal("dispatched", (await pipeline.GetStatusAsync(uid, token, requestId))["status"]);
    }

    [Fact]
    public async Task Deliver_429WithRetryAfter_WaitsAsToldAsAVisibilityDelay()
    {
        await using var deployer = await DeployerEndpoint.StartAsync();
        deployer.Answer(429, retryAfter: "120");
        var (pipeline, _, _, _) = await DispatchAsync(deployer.Url);

        var outcome = await pipeline.DeliverNextAsync();

        Assert.Equal(TimeSpan.FromSeconds(120), outcome!.Next!.Delay);
        Assert.Null(await pipeline.DeliverNextAsync());
        await pipeline.SkipDelayAsync(outcome.Next);
        Assert.Equal(DeliveryResult.Delivered, (await pipeline.DeliverNextAsync())!.Result);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(410)]
    public async Task Deliver_Other4xx_FailsAtOnceWithTheStatus(int answer)
    {
        await using var deployer = await DeployerEndpoint.StartAsync();
        deployer.Answer(answer);
        var (pipeline, uid, token, requestId) = await DispatchAsync(deployer.Url);

        var outcome = await pipeline.DeliverNextAsync();

        Assert.Equal(DeliveryResult.Failed, outcome!.Result);
        var status = await pipeline.GetStatusAsync(uid, token, requestId);
        Assert.Equal(("failed", $"deployer answered {answer}"), (status["status"], status["reason"]));
        Assert.Null(await pipeline.DeliverNextAsync());
    }

    [Fact]
    public async Task Deliver_DeployerSlowerThanTheTimeout_IsRetried()
    {
        await using var deployer = await DeployerEndpoint.StartAsync();
        deployer.Answer(202, delay: TimeSpan.FromSeconds(5));
        var (pipeline, uid, token, requestId) = await DispatchAsync(deployer.Url, o => o.DeployerTimeout = TimeSpan.FromMilliseconds(300));

        var outcome = await pipeline.DeliverNextAsync();

        Assert.Equal(DeliveryResult.Retrying, outcome!.Result);
        Assert.Equal("deployer did not answer within 0.3 s, retrying", (await pipeline.GetStatusAsync(uid, token, requestId))["reason"]);
    }

    [Fact]
    public async Task Deliver_SameMessageHandledTwice_DeliversTheJobOnce()
    {
        await using var deployer = await DeployerEndpoint.StartAsync();
        var (pipeline, _, _, _) = await DispatchAsync(deployer.Url);
        QueueMessageCopy copy = await QueueMessageCopy.ReceiveAsync(pipeline);

        var first = await pipeline.DeliveryOutbox.DeliverAsync(copy.Message, CancellationToken.None);
        var second = await pipeline.DeliveryOutbox.DeliverAsync(copy.Message, CancellationToken.None);

        Assert.Equal((DeliveryResult.Delivered, DeliveryResult.Stale), (first.Result, second.Result));
        Assert.Single(deployer.Received);
    }

    [Fact]
    public async Task Deliver_TwoCopiesAtOnce_OneCallsTheDeployerAndTheOtherWaitsForItsLease()
    {
        await using var deployer = await DeployerEndpoint.StartAsync();
        deployer.Answer(202, delay: TimeSpan.FromMilliseconds(500));
        var (pipeline, _, _, _) = await DispatchAsync(deployer.Url);
        var copy = await QueueMessageCopy.ReceiveAsync(pipeline);

        var outcomes = await Task.WhenAll(
            pipeline.DeliveryOutbox.DeliverAsync(copy.Message, CancellationToken.None),
            pipeline.DeliveryOutbox.DeliverAsync(copy.Message, CancellationToken.None));

        Assert.Equal([DeliveryResult.Delivered, DeliveryResult.Busy], outcomes.Select(o => o.Result).Order());
        Assert.Single(deployer.Received);
        var requeued = outcomes.Single(o => o.Result == DeliveryResult.Busy).Next!;
        await pipeline.SkipDelayAsync(requeued);
        Assert.Equal(DeliveryResult.Stale, (await pipeline.DeliverNextAsync())!.Result);
        Assert.Single(deployer.Received);
    }

    [Fact]
    public async Task Deliver_DeployerDownForTenMinutesThenBack_GetsTheJobOnce()
    {
        var port = DeployerEndpoint.FreePort();
        var (pipeline, uid, token, requestId) = await DispatchAsync($"http://127.0.0.1:{port}/deploy");
        var started = pipeline.Time.GetUtcNow();
        var attempts = 0;
        DeliveryOutcome outcome;
        while (true)
        {
            outcome = (await pipeline.DeliverNextAsync())!;
            attempts++;
            Assert.Equal(DeliveryResult.Retrying, outcome.Result);
            Assert.StartsWith("deployer unreachable", outcome.Reason);
            Assert.True(outcome.Next!.Delay <= TimeSpan.FromMinutes(5));
            if (pipeline.Time.GetUtcNow() + outcome.Next.Delay - started >= TimeSpan.FromMinutes(10))
            {
                break;
            }

            await pipeline.SkipDelayAsync(outcome.Next);
        }

        Assert.StartsWith("deployer unreachable", (await pipeline.GetStatusAsync(uid, token, requestId))["reason"]);
        await using var deployer = await DeployerEndpoint.StartAsync(port);
        await pipeline.SkipDelayAsync(outcome.Next);

        Assert.Equal(DeliveryResult.Delivered, (await pipeline.DeliverNextAsync())!.Result);
        Assert.Null(await pipeline.DeliverNextAsync());
        Assert.Single(deployer.Received);
        Assert.InRange(attempts, 8, 14);
        Assert.Equal("dispatched", (await pipeline.GetStatusAsync(uid, token, requestId))["status"]);
    }

    [Fact]
    public async Task Deliver_DeployerDownForMoreThanTheWindow_FailsWithTheLastReason()
    {
        var (pipeline, uid, token, requestId) = await DispatchAsync($"http://127.0.0.1:{DeployerEndpoint.FreePort()}/deploy");
        DeliveryOutcome outcome;
        while ((outcome = (await pipeline.DeliverNextAsync())!).Result == DeliveryResult.Retrying)
        {
            await pipeline.SkipDelayAsync(outcome.Next!);
        }

        Assert.Equal(DeliveryResult.Failed, outcome.Result);
        var status = await pipeline.GetStatusAsync(uid, token, requestId);
        Assert.Equal("failed", status["status"]);
        Assert.StartsWith("the deployer did not accept the job within 1 h: deployer unreachable", status["reason"]);
    }

    [Fact]
    public async Task Deliver_DeployerReportsBeforeItAnswers_AcceptanceDoesNotTakeTheReportBack()
    {
        await using var deployer = await DeployerEndpoint.StartAsync();
        var (pipeline, uid, token, requestId) = await DispatchAsync(deployer.Url);
        var copy = await QueueMessageCopy.ReceiveAsync(pipeline);
        var report = await pipeline.PostReportAsync(copy.Message.Job.CallbackUrl!, """{"state":"started"}""");
        Assert.Equal((202, "deploying"), (report.Status, report["status"]));

        var outcome = await pipeline.DeliveryOutbox.DeliverAsync(copy.Message, CancellationToken.None);

        Assert.Equal(DeliveryResult.Stale, outcome.Result);
        Assert.Empty(deployer.Received);
        Assert.Equal("deploying", (await pipeline.GetStatusAsync(uid, token, requestId))["status"]);
    }

    [Fact]
    public async Task Deliver_MessageOvertakesTheProcessorsLastWrite_WaitsAndThenDeliversOnce()
    {
        await using var deployer = await DeployerEndpoint.StartAsync();
        var (pipeline, uid, _, requestId) = await DispatchAsync(deployer.Url);
        var delivering = (await pipeline.Requests.GetAsync(uid, requestId, CancellationToken.None))!;
        var dispatching = await pipeline.Requests.TryUpdateAsync(delivering with { Status = RequestStatus.Dispatching }, CancellationToken.None);

        var early = await pipeline.DeliverNextAsync();

        Assert.Equal(DeliveryResult.Busy, early!.Result);
        Assert.Empty(deployer.Received);
        await pipeline.Requests.TryUpdateAsync(dispatching! with { Status = RequestStatus.Delivering }, CancellationToken.None);
        await pipeline.SkipDelayAsync(early.Next!);
        Assert.Equal(DeliveryResult.Delivered, (await pipeline.DeliverNextAsync())!.Result);
        Assert.Single(deployer.Received);
    }

    [Fact]
    public async Task PoisonedDelivery_RequestStillDelivering_ReadsFailedSayingTheJobMayHaveBeenSent()
    {
        await using var deployer = await DeployerEndpoint.StartAsync();
        var (pipeline, uid, token, requestId) = await DispatchAsync(deployer.Url);
        var copy = await QueueMessageCopy.ReceiveAsync(pipeline);
        var function = new Redeploy.Functions.PoisonDeliveryFunction(pipeline.DeliveryOutbox, new CapturingLogger<Redeploy.Functions.PoisonDeliveryFunction>());

        await function.RunAsync(
            Azure.Storage.Queues.Models.QueuesModelFactory.QueueMessage("m1", "p1", DeliveryQueue.Serialize(copy.Message), dequeueCount: 1),
            CancellationToken.None);

        var status = await pipeline.GetStatusAsync(uid, token, requestId);
        Assert.Equal(("failed", "delivery to the deployer not confirmed after 5 attempts: the job may have been sent"), (status["status"], status["reason"]));
        Assert.Empty(deployer.Received);
    }

    /// <summary>A webhook stack, one manual-like request for it, processed: its job waits in the outbox.</summary>
    private async Task<(TestPipeline Pipeline, string Uid, string Token, string RequestId)> DispatchAsync(
        string url, Action<Redeploy.Core.RedeployOptions>? configure = null)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, configure);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, deployer: new WebhookTarget(url, Secret));
        var accepted = await pipeline.PostAsync(uid, token, body: null, contentType: null);
        Assert.Equal(1, await pipeline.ProcessQueuedAsync());
        return (pipeline, uid, token, accepted["requestId"]!);
    }

    /// <summary>The outbox message as the queue holds it, to hand to the outbox more than once.</summary>
    private sealed record QueueMessageCopy(DeliveryMessage Message)
    {
        public static async Task<QueueMessageCopy> ReceiveAsync(TestPipeline pipeline)
        {
            Azure.Storage.Queues.Models.QueueMessage[] messages = await pipeline.OutboxClient.ReceiveMessagesAsync(maxMessages: 1);
            return new QueueMessageCopy(DeliveryQueue.Deserialize(Assert.Single(messages).Body));
        }
    }
}
