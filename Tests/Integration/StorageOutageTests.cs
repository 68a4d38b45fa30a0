using Redeploy.Cli.Dev;

namespace Redeploy.Tests.Integration;

/// <summary>With storage gone, the intake answers 503 with Retry-After.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task Post_AzuriteStopped_Answers503WithRetryAfter()
    {
        TestPipeline pipeline;
        string uid, token;
        using (var azurite = await AzuriteProcess.StartAsync(AzuriteFixture.RepositoryRoot))
        {
            pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
            (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        }

        var answer = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());

        Assert.Equal(503, answer.Status);
        Assert.Equal("30", answer.Headers["Retry-After"]);
        Assert.Equal("application/problem+json; charset=utf-8", answer.ContentType);
        Assert.DoesNotContain(token, answer.Body);
    }

    [Fact]
    public async Task GetDeliveryLog_AzuriteStopped_Answers503WithRetryAfter()
    {
        TestPipeline pipeline;
        string uid, token;
        using (var azurite = await AzuriteProcess.StartAsync(AzuriteFixture.RepositoryRoot))
        {
            pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
            (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
            // The stack is now in the intake's cache: only the requests table is out of reach below.
            Assert.Equal(200, (await pipeline.GetRequestsAsync(uid, token)).Status);
        }

        foreach (var answer in new[] { await pipeline.GetRequestsAsync(uid, token), await pipeline.GetPageAsync(uid, token, "text/html") })
        {
            Assert.Equal(503, answer.Status);
            Assert.Equal("30", answer.Headers["Retry-After"]);
            Assert.Equal("application/problem+json; charset=utf-8", answer.ContentType);
        }
    }
}
