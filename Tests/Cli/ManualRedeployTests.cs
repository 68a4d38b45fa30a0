using System.Text;
using Azure.Storage.Queues;
using Microsoft.Extensions.Time.Testing;
using Redeploy.Core;
using Redeploy.Core.Intake;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.Cli;

[Collection(AzuriteCollection.Name)]
public sealed class ManualRedeployTests(AzuriteFixture azurite)
{
    private static readonly Stack Shop = new("shop", StackKind.Docker, [new Service("web", new GitSource("https://github.com/acme/shop", "main")), new Service("redis", null, "redis:7")]);

    [Fact]
    public async Task Queue_GitRef_WritesOneBase64MessageAndAQueuedRecord()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, _) = await pipeline.AddStackAsync(Shop);
        var stack = (await pipeline.Stacks.FindByUidAsync(uid, CancellationToken.None))!;
        var manual = new ManualRedeploy(pipeline.Requests, pipeline.RequestQueue, pipeline.Time);

        var queued = await manual.QueueAsync(stack, [], "9F3C1A2B", CancellationToken.None);

        Assert.True(queued.Succeeded);
        // A client that does not decode: what the queue really holds is Base64, as the Functions trigger expects.
        var raw = new QueueClient(azurite.ConnectionString, pipeline.Options.RequestQueue);
        var message = Assert.Single((await raw.PeekMessagesAsync(maxMessages: 32)).Value);
        var body = RequestQueue.Deserialize(BinaryData.FromBytes(Convert.FromBase64String(message.MessageText)));
        Assert.Equal((queued.Value, uid, null as IReadOnlyList<string>), (body.RequestId, body.StackUid, body.Services));
        Assert.Equal(new PushMessage(null, null, "9f3c1a2b"), Assert.Single(body.Pushes));
        var record = (await pipeline.Requests.GetAsync(uid, queued.Value, CancellationToken.None))!;
        Assert.Equal(
            (RequestStatus.Queued, "manual", "manual @ 9f3c1a2", false, "shop", null as string),
            (record.Status, record.Sender, record.Summary, record.Enqueued, record.StackName, record.DeliveryId));
        Assert.InRange(record.ReceivedAt, pipeline.Time.GetUtcNow().AddSeconds(-1), pipeline.Time.GetUtcNow().AddSeconds(1));
    }

    [Fact]
    public async Task Queue_NoGitRef_SendsNoPushAndSummaryManual()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, _) = await pipeline.AddStackAsync(Shop);
        var stack = (await pipeline.Stacks.FindByUidAsync(uid, CancellationToken.None))!;

        var queued = await new ManualRedeploy(pipeline.Requests, pipeline.RequestQueue, pipeline.Time).QueueAsync(stack, [], null, CancellationToken.None);

        var message = RequestQueue.Deserialize(Assert.Single((await pipeline.RequestQueueClient.PeekMessagesAsync(maxMessages: 32)).Value).Body);
        Assert.Empty(message.Pushes);
        Assert.Equal("manual", (await pipeline.Requests.GetAsync(uid, queued.Value, CancellationToken.None))!.Summary);
    }

    [Theory]
    [InlineData("main")]
    [InlineData("abc12")]
    [InlineData("9f3c1a2-")]
    public async Task Queue_GitRefNotACommit_FailsAndQueuesNothing(string gitRef)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, _) = await pipeline.AddStackAsync(Shop);
        var stack = (await pipeline.Stacks.FindByUidAsync(uid, CancellationToken.None))!;

        var queued = await new ManualRedeploy(pipeline.Requests, pipeline.RequestQueue, new FakeTimeProvider()).QueueAsync(stack, [], gitRef, CancellationToken.None);

        Assert.Equal(FailureKind.Malformed, queued.Failure?.Kind);
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
        Assert.Empty(await pipeline.Requests.ListRecentAsync(uid, 10, CancellationToken.None));
    }
}
