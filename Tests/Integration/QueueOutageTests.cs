using Microsoft.Extensions.Logging.Abstractions;
using Redeploy.Cli.Dev;
using Redeploy.Core.Intake;
using Redeploy.Core.Storage;
using Redeploy.Functions;

namespace Redeploy.Tests.Integration;

/// <summary>Tables answer but the queue does not: 503, and the request row written first is taken back.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueOutageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Post_QueueUnreachable_Answers503AndRemovesTheRequestRow()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var deadQueues = StorageClients.FromConnectionString(AzuriteProcess.ConnectionStringFor(1, 1, 1)).Queues;
        var intake = new HookIntake(pipeline.Stacks, pipeline.Requests, new RequestQueue(deadQueues, pipeline.Options), pipeline.Options, pipeline.Time, NullLogger<HookIntake>.Instance);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Method = "POST";
        context.Response.Body = new MemoryStream();

        var result = await new HookFunction(intake).RunAsync(context.Request, uid, token, CancellationToken.None);
        var answer = await TestAnswer.ExecuteAsync(result, context);

        Assert.Equal(503, answer.Status);
        Assert.True(answer.Headers.ContainsKey("Retry-After"));
        Assert.Empty(await pipeline.Requests.ListRecentAsync(uid, 10, CancellationToken.None));
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }
}
