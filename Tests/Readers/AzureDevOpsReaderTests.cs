using System.Text;
using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Redeploy.Tests.Hooks;
using Xunit;

namespace Redeploy.Tests.Readers;

public sealed class AzureDevOpsReaderTests
{
    private static readonly string[] Urls =
        ["https://acme@dev.azure.com/acme/Shop/_git/shop", "git@ssh.dev.azure.com:v3/acme/Shop/shop", "https://dev.azure.com/acme/Shop/_git/shop"];

    [Fact]
    public void Read_PushOfSeveralRefs_GivesOnePushPerRefUpdate()
    {
        var delivery = Read(HookRequests.Fixture("azure-devops", "azure-devops-git-push-two-refs.json"));

        Assert.Equal((Sender.AzureDevOps, DeliveryKind.Push), (delivery.Sender, delivery.Kind));
        Assert.Equal(("03c164c2-8912-4d5e-8009-3707d5f83734", "git.push"), (delivery.DeliveryId, delivery.Event));
        Assert.Equal(3, delivery.Pushes.Count);
        Assert.Equal(("main", null, "33b55f7cb7e7e245323987634f960cf4a6e6bc74", false), Parts(delivery.Pushes[0]));
        Assert.Equal(("old-feature", null, null, true), Parts(delivery.Pushes[1]));
        Assert.Equal((null, "v2.0", "33b55f7cb7e7e245323987634f960cf4a6e6bc74", false), Parts(delivery.Pushes[2]));
        Assert.All(delivery.Pushes, push => Assert.Equal(Urls, push.RepositoryUrls));
    }

    [Fact]
    public void Read_RemoteUrlWithUser_KeepsUserAndNormalisesToRepository()
    {
        var push = Read(HookRequests.Fixture("azure-devops", "azure-devops-git-push-two-refs.json")).Pushes[0];

        Assert.Equal("https://acme@dev.azure.com/acme/Shop/_git/shop", push.RepositoryUrls[0]);
        Assert.Equal("dev.azure.com/acme/shop/_git/shop", Core.Hooks.RepositoryUrl.Normalize(push.RepositoryUrls[0]));
    }

    [Fact]
    public void Read_RepositoryBeforeRefUpdatesAndResourceBeforeEventType_ReadsTheSame()
    {
        const string json = """
            {"resource": {"repository": {"remoteUrl": "https://dev.azure.com/acme/Shop/_git/shop"},
                          "refUpdates": [{"newObjectId": "33b55f7c", "name": "refs/heads/main", "oldObjectId": "aad331d8"}]},
             "publisherId": "tfs", "eventType": "git.push", "id": "abc"}
            """;

        var delivery = Read(Encoding.UTF8.GetBytes(json));

        var push = Assert.Single(delivery.Pushes);
        Assert.Equal(("main", null, "33b55f7c", false), Parts(push));
        Assert.Equal(["https://dev.azure.com/acme/Shop/_git/shop"], push.RepositoryUrls);
        Assert.Equal("abc", delivery.DeliveryId);
    }

    [Fact]
    public void Read_PushWithoutRefUpdates_MalformedPushWithoutARef()
    {
        const string json = """{"eventType": "git.push", "publisherId": "tfs", "resource": {"repository": {"remoteUrl": "https://dev.azure.com/a/b/_git/c"}}}""";

        var outcome = DeliveryReader.Read(HookRequests.Create(json));

        Assert.Equal(FailureKind.Malformed, outcome.Failure!.Kind);
        Assert.Contains("push without a ref", outcome.Failure.Detail);
    }

    [Fact]
    public void Read_PullRequestCreated_IgnoredNamingEvent()
    {
        var delivery = Read(HookRequests.Fixture("azure-devops", "azure-devops-pullrequest-created.json"));

        Assert.Equal((DeliveryKind.Ignored, "git.pullrequest.created"), (delivery.Kind, delivery.Event));
        Assert.Equal("event 'git.pullrequest.created' is not a push", delivery.IgnoredReason);
        Assert.Equal("2ab4e3d3-b7a6-425e-92b1-5a9982c1269e", delivery.DeliveryId);
    }

    [Theory]
    [InlineData("""{"refUpdates": {}}""", "field 'resource.refUpdates': expected an array, found an object")]
    [InlineData("""{"refUpdates": ["refs/heads/main"]}""", "field 'resource.refUpdates[]': expected an object, found a string")]
    [InlineData("""{"refUpdates": [{"name": 5}]}""", "field 'resource.refUpdates[].name': expected a string, found a number")]
    [InlineData("""{"refUpdates": [{"name": "refs/heads/main", "newObjectId": "main"}]}""", "field 'resource.refUpdates[].newObjectId': expected a hex commit SHA")]
    [InlineData("""{"repository": {"remoteUrl": "shop"}}""", "field 'resource.repository.remoteUrl': not a repository URL")]
    [InlineData("""{"repository": []}""", "field 'resource.repository': expected an object, found an array")]
    public void Read_WrongResource_MalformedNamingField(string resource, string detail)
    {
        var json = $$"""{"eventType": "git.push", "publisherId": "tfs", "resource": {{resource}}}""";

        var failure = DeliveryReader.Read(HookRequests.Create(json)).Failure;

        Assert.Equal(new Failure(FailureKind.Malformed, detail), failure);
    }

    private static (string? Branch, string? Tag, string? Commit, bool Deleted) Parts(Push push) =>
        (push.Branch, push.Tag, push.Commit, push.Deleted);

    private static Delivery Read(byte[] body)
    {
        var outcome = DeliveryReader.Read(HookRequests.Create(body, "application/json; charset=utf-8"));
        Assert.True(outcome.Succeeded, outcome.Failure?.Detail);
        return outcome.Value;
    }
}
