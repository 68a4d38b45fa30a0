using Redeploy.Core.Storage;

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
        var storage = new StorageOutage();
        var intake = IntakeOverStorage.Create(
            pipeline, new RequestLog(storage.Tables(azurite.ConnectionString, maxRetries: 3), pipeline.Options),
            new RequestQueue(storage.Queues(azurite.ConnectionString, maxRetries: 3), pipeline.Options));
        var headers = Payloads.GitHubHeaders();

        var first = await IntakeOverStorage.PostAsync(intake, uid, token, headers);
        storage.Down = true;
        var again = await IntakeOverStorage.PostAsync(intake, uid, token, headers);
        var other = await IntakeOverStorage.PostAsync(intake, uid, token, Payloads.GitHubHeaders());

        Assert.Equal(202, first.Status);
        Assert.Equal((200, "duplicate", first["requestId"]), (again.Status, again["status"], again["requestId"]));
        Assert.Equal(503, other.Status);
        // Only the other delivery tried storage (one insert, one send, with the client's retries).
        Assert.InRange(storage.Refused, 2, 6);
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
}
