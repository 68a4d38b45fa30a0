using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Xunit;

namespace Redeploy.Tests.Readers;

public sealed class BitbucketCloudReaderTests
{
    // Well-formed (every payload is checked before a reader sees it) but of the wrong types, should the reader read it.
    private const string UnreadableIfRead = """{"push": 7, "changes": 7, "repository": 7, "actor": 7}""";

    private const string Folder = "bitbucket-cloud";
    private static readonly (string, string)[] PushHeaders =
        [("X-Event-Key", "repo:push"), ("X-Hook-UUID", "hook-1"), ("X-Request-UUID", "8c7e4f0a-request")];

    private static Outcome<Delivery> Read(string json) => ReaderHarness.Read(new BitbucketCloudReader(), PushHeaders, json);

    [Fact]
    public void Read_PushOfTwoBranches_GivesOnePushPerChangeWithTheRepository()
    {
        var delivery = Read(ReaderHarness.Fixture(Folder, "bitbucket-cloud-push-two-branches.json")).Value;

        Assert.Equal(DeliveryKind.Push, delivery.Kind);
        Assert.Equal(Sender.BitbucketCloud, delivery.Sender);
        Assert.Equal("8c7e4f0a-request", delivery.DeliveryId);
        Assert.Equal("repo:push", delivery.Event);
        Assert.Collection(
            delivery.Pushes,
            p => Assert.Equal(("main", (string?)null, "2222222222222222222222222222222222222222", false), (p.Branch, p.Tag, p.Commit, p.Deleted)),
            p => Assert.Equal(("feature/cart", (string?)null, "abcdef0123456789abcdef0123456789abcdef01", false), (p.Branch, p.Tag, p.Commit, p.Deleted)));
        Assert.All(delivery.Pushes, p => Assert.Equal(["https://bitbucket.org/acme/shop"], p.RepositoryUrls));
    }

    [Theory]
    [InlineData("bitbucket-cloud-push-branch-deleted.json", "feature/old", null, null, true)]
    [InlineData("bitbucket-cloud-push-tag-created.json", null, "v1.2.0", "4444444444444444444444444444444444444444", false)]
    [InlineData("bitbucket-cloud-push-forced-truncated.json", "main", null, "5555555555555555555555555555555555555555", false)]
    [InlineData("bitbucket-cloud-push-no-changes.json", null, null, null, false)]
    public void Read_OneChangeFixture_GivesThatPush(string fixture, string? branch, string? tag, string? commit, bool deleted)
    {
        var delivery = Read(ReaderHarness.Fixture(Folder, fixture)).Value;

        var push = Assert.Single(delivery.Pushes);
        Assert.Equal((branch, tag, commit, deleted), (push.Branch, push.Tag, push.Commit, push.Deleted));
        Assert.Equal(["bitbucket.org/acme/shop"], ReaderHarness.Normalized(push.RepositoryUrls));
    }

    [Fact]
    public void Read_NoChanges_GivesOnePushNamingOnlyTheRepository()
    {
        var delivery = Read(ReaderHarness.Fixture(Folder, "bitbucket-cloud-push-no-changes.json")).Value;

        var push = Assert.Single(delivery.Pushes);
        Assert.False(push.IsEmpty);
        Assert.Equal(["https://bitbucket.org/acme/shop"], push.RepositoryUrls);
    }

    [Theory]
    [InlineData("""{"repository": {"full_name": "acme/shop"}}""", "https://bitbucket.org/acme/shop")]
    [InlineData("""{"repository": {"links": {"html": {"href": "https://bitbucket.org/acme/shop"}}}}""", "https://bitbucket.org/acme/shop")]
    [InlineData("""{"repository": {"full_name": null, "links": null}}""", null)]
    public void Read_RepositoryFields_GiveItsUrl(string json, string? url)
    {
        var push = Assert.Single(Read(json).Value.Pushes);

        Assert.Equal(url is null ? [] : [url], push.RepositoryUrls);
    }

    [Fact]
    public void Read_ClosedWithNewRef_IsDeleted()
    {
        const string json = """
            {"push": {"changes": [{"new": {"type": "branch", "name": "gone", "target": {"hash": "abcd1234"}}, "closed": true}]}}
            """;

        var push = Assert.Single(Read(json).Value.Pushes);

        Assert.Equal(("gone", (string?)null, true), (push.Branch, push.Commit, push.Deleted));
    }

    [Theory]
    [InlineData("pullrequest:created")]
    [InlineData("repo:fork")]
    [InlineData("repo:commit_comment_created")]
    public void Read_OtherEventKey_IsIgnoredNamingTheKeyWithoutReadingTheBody(string eventKey)
    {
        var delivery = ReaderHarness.Read(new BitbucketCloudReader(), [("X-Event-Key", eventKey), ("X-Request-UUID", "r-1")], UnreadableIfRead).Value;

        Assert.Equal(DeliveryKind.Ignored, delivery.Kind);
        Assert.Equal("r-1", delivery.DeliveryId);
        Assert.Contains(eventKey, delivery.IgnoredReason);
        Assert.Empty(delivery.Pushes);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("""{"push": {"changes": [""", "")]
    [InlineData("[]", "JSON object")]
    [InlineData("""{} {}""", "")]
    [InlineData("""{"push": []}""", "'push'")]
    [InlineData("""{"push": {"changes": {}}}""", "'push.changes'")]
    [InlineData("""{"push": {"changes": [1]}}""", "'push.changes[]'")]
    [InlineData("""{"push": {"changes": [{"new": null, "old": null}]}}""", "neither new nor old")]
    [InlineData("""{"push": {"changes": [{"new": {"type": "branch", "name": 5}}]}}""", "'push.changes[].new.name'")]
    [InlineData("""{"push": {"changes": [{"new": {"type": "branch", "target": {"hash": "abcd"}}}]}}""", "'push.changes[].new.name'")]
    [InlineData("""{"push": {"changes": [{"new": {"type": "commit", "name": "x"}}]}}""", "'push.changes[].new.type'")]
    [InlineData("""{"push": {"changes": [{"new": {"name": "x", "target": {"hash": "xyz12345"}}}]}}""", "'push.changes[].new.target.hash'")]
    [InlineData("""{"push": {"changes": [{"new": {"name": "x", "target": {"hash": "abc"}}}]}}""", "'push.changes[].new.target.hash'")]
    [InlineData("""{"push": {"changes": [{"new": {"name": "x", "target": {"hash": 1234}}}]}}""", "'push.changes[].new.target.hash'")]
    [InlineData("""{"push": {"changes": [{"new": {"name": "x"}, "closed": "yes"}]}}""", "'push.changes[].closed'")]
    [InlineData("""{"repository": {"links": {"html": {"href": "not a url"}}}}""", "'repository.links.html.href'")]
    [InlineData("""{"repository": {"links": {"html": "https://bitbucket.org/acme/shop"}}}""", "'repository.links.html'")]
    [InlineData("""{"repository": {"full_name": "acme shop"}}""", "'repository.full_name'")]
    public void Read_BadInput_IsMalformedNamingTheField(string json, string detail)
    {
        var outcome = Read(json);

        ReaderHarness.AssertMalformed(outcome, detail);
    }

    [Fact]
    public void Read_ReferencePayloadBranchDeleted_GivesDeletedBranch()
    {
        var json = ReaderHarness.ReferencePayload(Folder, "repo-push-branch-deleted.json");
        if (json is null)
        {
            return;
        }

        var push = Assert.Single(ReaderHarness.Read(new BitbucketCloudReader(), PushHeaders, json).Value.Pushes);

        Assert.Equal(("feature/test", (string?)null, (string?)null, true), (push.Branch, push.Tag, push.Commit, push.Deleted));
        Assert.Equal(["https://bitbucket.org/amuniz/test-repos"], push.RepositoryUrls);
    }

    [Fact]
    public void Read_ReferencePayloadForcedTruncated_GivesTheNewHead()
    {
        var json = ReaderHarness.ReferencePayload(Folder, "repo-push-forced-truncated.json");
        if (json is null)
        {
            return;
        }

        var push = Assert.Single(ReaderHarness.Read(new BitbucketCloudReader(), PushHeaders, json).Value.Pushes);

        Assert.Equal(("feature/issue-819", "5ecffa3874e96920f24a2b3c0d0038e47d5cd1a4", false), (push.Branch, push.Commit, push.Deleted));
        Assert.Equal(["bitbucket.org/amuniz/test-repos"], ReaderHarness.Normalized(push.RepositoryUrls));
    }

    [Fact]
    public void Read_EveryReferencePayload_IsAPushDelivery()
    {
        var folder = ReaderHarness.ReferencePayloads(Folder);
        if (folder is null)
        {
            return;
        }

        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            var outcome = ReaderHarness.Read(new BitbucketCloudReader(), PushHeaders, File.ReadAllBytes(file));

            Assert.True(outcome.Succeeded, $"{Path.GetFileName(file)}: {outcome.Failure?.Detail}");
            Assert.Equal(DeliveryKind.Push, outcome.Value.Kind);
            Assert.All(outcome.Value.Pushes, p => Assert.NotEmpty(p.RepositoryUrls));
        }
    }
}
