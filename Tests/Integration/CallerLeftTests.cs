using System.Text;
using Microsoft.AspNetCore.Http;
using Redeploy.Functions;

namespace Redeploy.Tests.Integration;

/// <summary>A caller that goes away before its answer (a Git host's 10 s timeout) is not an unhandled error.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CallerLeftTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Post_CallerGoneBeforeTheAnswer_Answers499AndQueuesNothing()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(Payloads.GitHubPush()));
        context.Request.ContentLength = context.Request.Body.Length;
        context.Request.ContentType = "application/json";
        foreach (var (header, value) in Payloads.GitHubHeaders())
        {
            context.Request.Headers[header] = value;
        }

        context.Response.Body = new MemoryStream();
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        var result = await pipeline.Hook.RunAsync(context.Request, uid, token, gone.Token);
        var answer = await TestAnswer.ExecuteAsync(result, context);

        Assert.Equal(499, answer.Status);
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }
}
