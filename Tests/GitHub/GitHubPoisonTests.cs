using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Redeploy.Core;
using Redeploy.Core.Deployments;
using Redeploy.Core.GitHub;
using Redeploy.Core.Observers;
using Redeploy.Core.Storage;
using Redeploy.Functions;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.GitHub;

/// <summary><c>github-updates-poison</c> and the GitHub storage created at start-up (CONTRACT §8).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class GitHubPoisonTests(AzuriteFixture azurite) : IDisposable
{
    private const string Deployments = "/repos/acme/shop/deployments";
    private readonly FakeGitHub github = new();

    [Fact]
    public async Task PoisonedUpdate_RecordsTheErrorOnTheRequestsDeployments_LaterUpdatesPostNothing()
    {
        github.On("POST", Deployments, 201, """{"id": 101}""");
        github.On("POST", Deployments + "/101/statuses", 502, """{"message": "Server Error"}""");
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, github);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var requestId = await pipeline.PushAsync(uid, token);
        var update = Assert.Single(await pipeline.TakeUpdatesAsync());
        await Assert.ThrowsAsync<GitHubApiException>(() => pipeline.Updater.HandleAsync(update, CancellationToken.None));

        await new PoisonGitHubUpdateFunction(pipeline.Updater, NullLogger<PoisonGitHubUpdateFunction>.Instance).RunAsync(Message(update), CancellationToken.None);
        await pipeline.Updater.HandleAsync(update with { State = Core.Observers.DeploymentState.Succeeded }, CancellationToken.None);

        var target = Assert.Single((await pipeline.Deployments.GetAsync(uid, requestId, CancellationToken.None))!.Targets);
        Assert.Equal((101L, (string?)null, "the queued status was not posted after 5 attempts"), (target.DeploymentId, target.State, target.Error));
        Assert.Single(github.CallsTo("POST", Deployments + "/101/statuses"));
        Assert.Contains(pipeline.UpdaterLog.Lines, l => l.Contains("Gave up on GitHub deployments of request " + requestId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PoisonedMessage_NotAnUpdate_Dropped()
    {
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, github);

        await new PoisonGitHubUpdateFunction(pipeline.Updater, NullLogger<PoisonGitHubUpdateFunction>.Instance)
            .RunAsync(QueuesModelFactory.QueueMessage("m1", "r1", BinaryData.FromString("not json"), 5), CancellationToken.None);

        Assert.Empty(github.Calls);
    }

    [Fact]
    public async Task StorageSetup_CreatesTheGitHubQueuesAndTable()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var updates = new GitHubUpdateQueue(pipeline.Clients.Queues, $"github-{suffix}");
        var log = new GitHubDeploymentLog(pipeline.Clients.Tables, new GitHubOptions { DeploymentsTable = $"github{suffix}" });

        await new StorageSetup(pipeline.Stacks, pipeline.Requests, pipeline.RequestQueue, pipeline.Jobs, steps: [new GitHubStorage(updates, log)])
            .EnsureCreatedAsync(CancellationToken.None);

        Assert.True(await pipeline.Clients.Queues.GetQueueClient($"github-{suffix}").ExistsAsync());
        Assert.True(await pipeline.Clients.Queues.GetQueueClient($"github-{suffix}-poison").ExistsAsync());
        Assert.Single(pipeline.Clients.Tables.QueryAsync(t => t.Name == $"github{suffix}").ToBlockingEnumerable());
    }

    public void Dispose() => github.Dispose();

    private static QueueMessage Message(GitHubUpdate update) => QueuesModelFactory.QueueMessage(
        "m1", "r1", BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(update, Core.CoreJsonContext.Default.GitHubUpdate)), 5);
}
