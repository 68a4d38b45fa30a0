using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Redeploy.Core.Deployments;
using Redeploy.Core.Processing;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Integration;

/// <summary>
/// The storage calls of processing one request, counted at the storage clients (issue 15: the fewest calls per
/// delivery). The processor reads the stack once and hands its deployer to the handover, which reads no stack again; a
/// first dispatch writes its job row without reading it, a resumed one reads it to keep the earlier token.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProcessingStorageCallsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Process_AcceptedPush_ReadsTheStackAndTheRowOnceEachAndNoJobRow()
    {
        var (pipeline, counting, processor, _, requestId) = await AcceptedPushAsync();
        var message = Assert.Single((await pipeline.RequestQueueClient.ReceiveMessagesAsync(maxMessages: 1)).Value);

        var status = await processor.ProcessAsync(RequestQueue.Deserialize(message.Body), CancellationToken.None);

        Assert.Equal(RequestStatus.Dispatched, status);
        Assert.Equal(requestId, Assert.Single(await pipeline.PeekJobsAsync()).JobId);
        Assert.Equal(
            new SortedDictionary<string, int>(StringComparer.Ordinal)
            {
                ["GET requests(entity)"] = 1,
                ["GET stacks(query)"] = 1,
                ["POST jobs-queue/messages"] = 1,
                ["PUT jobs(entity)"] = 1,
                ["PUT requests(entity)"] = 2, // dispatching, then dispatched
            },
            counting.Counts);
    }

    [Fact]
    public async Task Process_SecondMessageOfAFinishedRequest_DroppedWithoutAStorageCall()
    {
        var (pipeline, counting, processor, _, requestId) = await AcceptedPushAsync();
        var message = RequestQueue.Deserialize(Assert.Single((await pipeline.RequestQueueClient.ReceiveMessagesAsync(maxMessages: 1)).Value).Body);
        await processor.ProcessAsync(message, CancellationToken.None);
        counting.Reset();

        // The reconciler's re-send carries the same message.
        var again = await processor.ProcessAsync(message, CancellationToken.None);

        Assert.Equal(RequestStatus.Dispatched, again);
        Assert.Empty(counting.Counts);
        Assert.Equal(requestId, Assert.Single(await pipeline.PeekJobsAsync()).JobId);
    }

    [Fact]
    public async Task Process_ResumedDispatch_ReadsTheStackForItsDeployerAndTheJobRowForItsEarlierToken()
    {
        var (pipeline, counting, processor, uid, requestId) = await AcceptedPushAsync();
        var row = (await pipeline.Requests.GetAsync(uid, requestId, CancellationToken.None))!;
        await pipeline.Requests.TryUpdateAsync(row with { Status = RequestStatus.Dispatching, StackName = "shop", Services = [new("web")] }, CancellationToken.None);
        pipeline.Time.Advance(RequestProcessor.DispatchLease + TimeSpan.FromSeconds(1));
        var message = Assert.Single((await pipeline.RequestQueueClient.ReceiveMessagesAsync(maxMessages: 1)).Value);

        var status = await processor.ProcessAsync(RequestQueue.Deserialize(message.Body), CancellationToken.None);

        Assert.Equal(RequestStatus.Dispatched, status);
        Assert.Equal(requestId, Assert.Single(await pipeline.PeekJobsAsync()).JobId);
        Assert.Equal(1, counting.Counts["GET stacks(query)"]);
        Assert.Equal(1, counting.Counts["GET jobs(entity)"]);
    }

    /// <summary>A push accepted by the pipeline's intake, and a processor like the pipeline's whose clients count their calls.</summary>
    private async Task<(TestPipeline Pipeline, StorageCallCountingPolicy Counting, RequestProcessor Processor, string Uid, string RequestId)> AcceptedPushAsync()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (counting, processor) = CountingProcessor(pipeline);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var accepted = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());
        return (pipeline, counting, processor, uid, accepted["requestId"]!);
    }

    /// <summary>A processor like the pipeline's whose table and queue clients count their calls.</summary>
    private (StorageCallCountingPolicy Counting, RequestProcessor Processor) CountingProcessor(TestPipeline pipeline)
    {
        var options = pipeline.Options;
        var names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [options.StacksTable] = "stacks",
            [options.RequestsTable] = "requests",
            [options.JobsTable] = "jobs",
            [options.JobQueue] = "jobs-queue",
            [options.DeliveryQueue] = "deliveries",
        };
        var counting = new StorageCallCountingPolicy(name => names.GetValueOrDefault(name, name));
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counting, HttpPipelinePosition.PerRetry);
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(counting, HttpPipelinePosition.PerRetry);
        var tables = new TableServiceClient(azurite.ConnectionString, tableOptions);
        var queues = new QueueServiceClient(azurite.ConnectionString, queueOptions);

        var stacks = new TableStackStore(tables, options);
        var deployers = new Deployers([new QueueDeployer(new JobQueue(queues, options)), pipeline.Webhooks]);
        var handover = new JobHandover(stacks, new JobIndex(tables, options), deployers, new DeliveryQueue(queues, options), options, pipeline.Time, new CapturingLogger<JobHandover>());
        return (counting, new RequestProcessor(stacks, new RequestLog(tables, options), handover, pipeline.Time, pipeline.ProcessorLog));
    }
}
