using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Redeploy.Core.Processing;
using Redeploy.Core.Storage;
using Redeploy.Functions;

namespace Redeploy.Tests.Integration;

/// <summary>
/// Which side each storage call is made for (StorageTries): the intake's calls are answers, with short tries; the queue
/// and timer functions' calls are queue-side, tried once for longer. Watched at the storage clients, against Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageSidesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Post_IntakeCalls_AreAnswers()
    {
        var (pipeline, sides) = await PipelineAsync();
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        sides.Reset();

        var answer = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());

        Assert.Equal(202, answer.Status);
        Assert.True(sides.Answers >= 2, $"{sides.Answers} answer calls");
        Assert.Equal(0, sides.QueueSide);
    }

    [Fact]
    public async Task ProcessRequestFunction_Calls_AreQueueSide()
    {
        var (pipeline, sides) = await PipelineAsync();
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());
        var message = await ReceiveOneAsync(pipeline);
        sides.Reset();

        await pipeline.Process.RunAsync(message, CancellationToken.None);
        var (answers, queueSide) = (sides.Answers, sides.QueueSide);

        Assert.Single(await pipeline.PeekJobsAsync());
        Assert.True(queueSide >= 3, $"{queueSide} queue-side calls");
        Assert.Equal(0, answers);
    }

    [Fact]
    public async Task ReconcileFunction_Calls_AreQueueSide()
    {
        var (pipeline, sides) = await PipelineAsync();
        var reconcile = new ReconcileFunction(pipeline.Services.GetRequiredService<RequestReconciler>());
        sides.Reset();

        await reconcile.RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.True(sides.QueueSide >= 2, $"{sides.QueueSide} queue-side calls");
        Assert.Equal(0, sides.Answers);
    }

    private async Task<(TestPipeline Pipeline, SideRecorder Sides)> PipelineAsync()
    {
        var sides = new SideRecorder();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(sides, HttpPipelinePosition.PerCall);
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(sides, HttpPipelinePosition.PerCall);
        var clients = new StorageClients(
            new TableServiceClient(azurite.ConnectionString, tableOptions),
            new QueueServiceClient(azurite.ConnectionString, queueOptions));
        return (await TestPipeline.CreateAsync(azurite.ConnectionString, clients: clients), sides);
    }

    // Received with a client of its own, so that the receive is not counted.
    private async Task<QueueMessage> ReceiveOneAsync(TestPipeline pipeline)
    {
        var queue = new QueueClient(azurite.ConnectionString, pipeline.Options.RequestQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        return Assert.Single((await queue.ReceiveMessagesAsync(maxMessages: 1)).Value);
    }

    private sealed class SideRecorder : HttpPipelinePolicy
    {
        private int answers;
        private int queueSide;

        public int Answers => Volatile.Read(ref answers);

        public int QueueSide => Volatile.Read(ref queueSide);

        public void Reset()
        {
            Volatile.Write(ref answers, 0);
            Volatile.Write(ref queueSide, 0);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Record(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Record(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Record(HttpMessage message) =>
            Interlocked.Increment(ref StorageTries.IsQueueSide(message) ? ref queueSide : ref answers);
    }
}
