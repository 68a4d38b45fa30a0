using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Redeploy.Core.Intake;
using Redeploy.Core.Storage;
using Redeploy.Functions;

namespace Redeploy.Tests.Integration;

/// <summary>A delivery the instance saw queued is answered duplicate without a storage call (issue 15).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DuplicateWithoutStorageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Post_SameDeliveryAgainOnThisInstance_AnswersDuplicateWithoutTouchingStorage()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var storage = new SwitchablePolicy();
        var intake = IntakeOver(pipeline, storage);
        var headers = Payloads.GitHubHeaders();

        var first = await PostAsync(intake, uid, token, headers);
        storage.Down = true;
        var again = await PostAsync(intake, uid, token, headers);
        var other = await PostAsync(intake, uid, token, Payloads.GitHubHeaders());

        Assert.Equal(202, first.Status);
        Assert.Equal((200, "duplicate", first["requestId"]), (again.Status, again["status"], again["requestId"]));
        Assert.Equal(503, other.Status);
        // Only the other delivery tried storage (one insert, one send, with the client's retries).
        Assert.InRange(storage.CallsWhileDown, 2, 6);
        Assert.Equal(1, await pipeline.RequestMessageCountAsync());
    }

    [Fact]
    public async Task Post_SameDeliveryOnAnInstanceThatForgot_AsksTheTableAndAnswersDuplicate()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, o => o.RecentDeliveries = 0);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var headers = Payloads.GitHubHeaders();

        var first = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: headers);
        var again = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: headers);
        await pipeline.ProcessQueuedAsync();

        Assert.Equal((200, "duplicate", first["requestId"]), (again.Status, again["status"], again["requestId"]));
        Assert.Single(await pipeline.PeekJobsAsync());
    }

    private HookIntake IntakeOver(TestPipeline pipeline, SwitchablePolicy policy)
    {
        var tableOptions = new TableClientOptions();
        tableOptions.Retry.Delay = TimeSpan.FromMilliseconds(10);
        tableOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.Retry.Delay = TimeSpan.FromMilliseconds(10);
        queueOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        var requests = new RequestLog(new TableServiceClient(azurite.ConnectionString, tableOptions), pipeline.Options);
        var queue = new RequestQueue(new QueueServiceClient(azurite.ConnectionString, queueOptions), pipeline.Options);
        return new HookIntake(pipeline.Stacks, requests, queue, pipeline.Options, pipeline.Time, NullLogger<HookIntake>.Instance);
    }

    private static async Task<TestAnswer> PostAsync(HookIntake intake, string uid, string token, IReadOnlyDictionary<string, string> headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(Payloads.GitHubPush()));
        context.Request.ContentLength = context.Request.Body.Length;
        context.Request.ContentType = "application/json";
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        context.Response.Body = new MemoryStream();
        var result = await new HookFunction(intake).RunAsync(context.Request, uid, token, CancellationToken.None);
        return await TestAnswer.ExecuteAsync(result, context);
    }

    /// <summary>Passes requests on until <see cref="Down"/>; then answers them as an unavailable service would, counting them.</summary>
    private sealed class SwitchablePolicy : HttpPipelinePolicy
    {
        private int callsWhileDown;

        public bool Down { get; set; }

        public int CallsWhileDown => Volatile.Read(ref callsWhileDown);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (Down)
            {
                Interlocked.Increment(ref callsWhileDown);
                throw new RequestFailedException(503, "storage down (test)");
            }

            await ProcessNextAsync(message, pipeline);
        }
    }
}
