using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Redeploy.Tests.Hooks;
using Xunit;

namespace Redeploy.Tests.Readers;

public sealed class GiteaReaderTests
{
    // What each product really sends with a push: the older products' headers too, GitHub's included.
    private static readonly string[] GiteaHeaders =
    [
        "X-Gitea-Event: push", "X-Gitea-Delivery: gitea-1", "X-Gogs-Event: push", "X-Gogs-Delivery: gitea-1",
        "X-GitHub-Event: push", "X-GitHub-Delivery: gitea-1",
    ];

    private static readonly string[] ForgejoHeaders =
    [
        "X-Forgejo-Event: push", "X-Forgejo-Delivery: forgejo-1", "X-Gitea-Event: push", "X-Gitea-Delivery: forgejo-1",
        "X-Gogs-Event: push", "X-GitHub-Event: push",
    ];

    private static readonly string[] GogsHeaders = ["X-Gogs-Event: push", "X-Gogs-Delivery: gogs-1"];

    public static TheoryData<string[], Sender, string> Products => new()
    {
        { GiteaHeaders, Sender.Gitea, "gitea-1" },
        { ForgejoHeaders, Sender.Forgejo, "forgejo-1" },
        { GogsHeaders, Sender.Gogs, "gogs-1" },
    };

    [Theory]
    [MemberData(nameof(Products))]
    public void Read_PushToBranch_GivesBranchCommitAndUrls(string[] headers, Sender sender, string deliveryId)
    {
        var delivery = Read(HookRequests.Fixture("gitea", "gitea-push-branch.json"), headers);

        Assert.Equal((sender, DeliveryKind.Push, deliveryId, "push"), (delivery.Sender, delivery.Kind, delivery.DeliveryId, delivery.Event));
        var push = Assert.Single(delivery.Pushes);
        Assert.Equal(("main", null, "67b56589a45103f891bdee7c0546e5d40bc02001", false), (push.Branch, push.Tag, push.Commit, push.Deleted));
        // html_url, ssh_url and clone_url name one repository: it is listed once.
        Assert.Equal(["https://git.example.com/acme/blog"], push.RepositoryUrls);
    }

    [Fact]
    public void Read_BranchDeletedWithoutDeletedField_MarksPushDeleted()
    {
        var push = Assert.Single(Read(HookRequests.Fixture("gitea", "gitea-push-branch-deleted.json"), GiteaHeaders).Pushes);

        Assert.Equal(("old-feature", true, null), (push.Branch, push.Deleted, push.Commit));
    }

    [Fact]
    public void Read_PushOfTag_GivesTag()
    {
        const string json = """{"ref": "refs/tags/v3", "after": "67b56589a45103f891bdee7c0546e5d40bc02001", "repository": {"clone_url": "https://git.example.com/acme/blog.git"}}""";

        var push = Assert.Single(Read(System.Text.Encoding.UTF8.GetBytes(json), GiteaHeaders).Pushes);

        Assert.Equal((null, "v3"), (push.Branch, push.Tag));
    }

    [Theory]
    [InlineData("X-Gitea-Event: issues", Sender.Gitea, "issues")]
    [InlineData("X-Gitea-Event: create", Sender.Gitea, "create")]
    [InlineData("X-Forgejo-Event: pull_request", Sender.Forgejo, "pull_request")]
    [InlineData("X-Gogs-Event: delete", Sender.Gogs, "delete")]
    public void Read_OtherEvent_IgnoredNamingIt(string header, Sender sender, string @event)
    {
        var delivery = Read("""{"action": "opened", "number": 1}"""u8.ToArray(), [header, "X-GitHub-Event: issues"]);

        Assert.Equal((sender, DeliveryKind.Ignored, @event), (delivery.Sender, delivery.Kind, delivery.Event));
        Assert.Equal($"event '{@event}' is not a push", delivery.IgnoredReason);
    }

    [Fact]
    public void Read_RefIsNumber_Malformed()
    {
        var request = HookRequests.Create("""{"ref": 1}""", HookRequests.Json, GiteaHeaders);

        Assert.Equal(new Failure(FailureKind.Malformed, "field 'ref': expected a string, found a number"), DeliveryReader.Read(request).Failure);
    }

    private static Delivery Read(byte[] body, string[] headers)
    {
        var outcome = DeliveryReader.Read(HookRequests.Create(body, HookRequests.Json, headers));
        Assert.True(outcome.Succeeded, outcome.Failure?.Detail);
        return outcome.Value;
    }
}
