using Redeploy.Cli.Dev;

namespace Redeploy.Tests.Integration;

/// <summary>With storage gone, the intake answers 503 with Retry-After and leaves nothing behind.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task Post_AzuriteStopped_Answers503AndNothingIsHalfWritten()
    {
        var location = Directory.CreateTempSubdirectory("redeploy-outage-").FullName;
        string uid, token, connectionString;
        int blob, queue, table;
        TestPipeline pipeline;
        using (var azurite = await AzuriteProcess.StartAsync(AzuriteFixture.RepositoryRoot, location: location))
        {
            (blob, queue, table, connectionString) = (azurite.BlobPort, azurite.QueuePort, azurite.TablePort, azurite.ConnectionString);
            pipeline = await TestPipeline.CreateAsync(connectionString);
            (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        }

        var answer = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());

        Assert.Equal(503, answer.Status);
        Assert.Equal("30", answer.Headers["Retry-After"]);
        Assert.Equal("application/problem+json; charset=utf-8", answer.ContentType);

        using (await AzuriteProcess.StartAsync(AzuriteFixture.RepositoryRoot, blob, queue, table, location))
        {
            Assert.Equal(0, await pipeline.RequestMessageCountAsync());
            Assert.Empty(await pipeline.Requests.ListRecentAsync(uid, 10, CancellationToken.None));
        }

        Directory.Delete(location, recursive: true);
    }
}
