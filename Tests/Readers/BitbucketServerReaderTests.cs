using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Xunit;

namespace Redeploy.Tests.Readers;

public sealed class BitbucketServerReaderTests
{
    // Well-formed (every payload is checked before a reader sees it) but of the wrong types, should the reader read it.
    private const string UnreadableIfRead = """{"push": 7, "changes": 7, "repository": 7, "actor": 7}""";

    private const string Folder = "bitbucket-server";
    private static readonly (string, string)[] PushHeaders = [("X-Event-Key", "repo:refs_changed"), ("X-Request-Id", "req-42")];

    private static Outcome<Delivery> Read(string json) => ReaderHarness.Read(new BitbucketServerReader(), PushHeaders, json);

    [Fact]
    public void Read_RefsChangedUpdate_GivesBranchAtToHashWithCloneAndBrowseUrls()
    {
        var delivery = Read(ReaderHarness.Fixture(Folder, "bitbucket-server-refs-changed-update.json")).Value;

        Assert.Equal((DeliveryKind.Push, Sender.BitbucketServer, "req-42", "repo:refs_changed"),
            (delivery.Kind, delivery.Sender, delivery.DeliveryId, delivery.Event));
        var push = Assert.Single(delivery.Pushes);
        Assert.Equal(("main", (string?)null, "2222222222222222222222222222222222222222", false), (push.Branch, push.Tag, push.Commit, push.Deleted));
        Assert.Equal(
            ["ssh://git@git.acme.test:7999/acme/shop.git", "https://git.acme.test/scm/acme/shop.git", "https://git.acme.test/projects/ACME/repos/shop"],
            push.RepositoryUrls);
    }

    [Fact]
    public void Read_AnnotatedTag_GivesTheTagAtToCommitNotTheTagObject()
    {
        var push = Assert.Single(Read(ReaderHarness.Fixture(Folder, "bitbucket-server-refs-changed-annotated-tag.json")).Value.Pushes);

        Assert.Equal(((string?)null, "v2.0.0", "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0", false), (push.Branch, push.Tag, push.Commit, push.Deleted));
    }

    [Fact]
    public void Read_BranchDeleted_GivesDeletedBranchWithoutCommit()
    {
        var push = Assert.Single(Read(ReaderHarness.Fixture(Folder, "bitbucket-server-refs-changed-branch-deleted.json")).Value.Pushes);

        Assert.Equal(("feature/old", (string?)null, (string?)null, true), (push.Branch, push.Tag, push.Commit, push.Deleted));
        Assert.Equal(["https://git.acme.test/scm/acme/shop.git"], push.RepositoryUrls);
    }

    [Fact]
    public void Read_SeveralChanges_GivesOnePushPerChangeEachAtItsToHash()
    {
        var delivery = Read(ReaderHarness.Fixture(Folder, "bitbucket-server-refs-changed-branch-and-tag.json")).Value;

        Assert.Collection(
            delivery.Pushes,
            p => Assert.Equal(("release/2.x", (string?)null, "4444444444444444444444444444444444444444"), (p.Branch, p.Tag, p.Commit)),
            p => Assert.Equal(((string?)null, "v2.1.0", "5555555555555555555555555555555555555555"), (p.Branch, p.Tag, p.Commit)));
    }

    [Theory]
    [InlineData("""{"changes": [{"refId": "refs/heads/dev", "toHash": "abcd1234", "type": "UPDATE"}]}""", "dev", null, "abcd1234", false)]
    [InlineData("""{"changes": [{"ref": {"displayId": "v1", "type": "TAG"}, "toHash": "abcd1234", "type": "ADD"}]}""", null, "v1", "abcd1234", false)]
    [InlineData("""{"changes": [{"ref": {"displayId": "dev", "type": "BRANCH"}, "toHash": "abcd1234", "type": "DELETE"}]}""", "dev", null, null, true)]
    [InlineData("""{"changes": [{"ref": {"id": "refs/heads/dev"}, "toHash": "0000000000000000000000000000000000000000"}]}""", "dev", null, null, true)]
    [InlineData("""{"changes": []}""", null, null, null, false)]
    [InlineData("""{}""", null, null, null, false)]
    public void Read_ChangeShapes_GiveThatPush(string json, string? branch, string? tag, string? commit, bool deleted)
    {
        var push = Assert.Single(Read(json).Value.Pushes);

        Assert.Equal((branch, tag, commit, deleted), (push.Branch, push.Tag, push.Commit, push.Deleted));
    }

    [Fact]
    public void Read_DiagnosticsPing_IsPingWithoutReadingTheBody()
    {
        var delivery = ReaderHarness.Read(
            new BitbucketServerReader(), [("X-Event-Key", "diagnostics:ping"), ("X-Request-Id", "p-1")], UnreadableIfRead).Value;

        Assert.Equal((DeliveryKind.Ping, "p-1", "ping"), (delivery.Kind, delivery.DeliveryId, delivery.IgnoredReason));
    }

    [Theory]
    [InlineData("pr:opened")]
    [InlineData("repo:modified")]
    [InlineData("mirror:repo_synchronized")]
    public void Read_OtherEventKey_IsIgnoredNamingTheKey(string eventKey)
    {
        var delivery = ReaderHarness.Read(new BitbucketServerReader(), [("X-Event-Key", eventKey)], "{}").Value;

        Assert.Equal(DeliveryKind.Ignored, delivery.Kind);
        Assert.Contains(eventKey, delivery.IgnoredReason);
    }

    [Theory]
    [InlineData("""{"changes": [{"ref": {"id": "refs/heads/x"}""", "")]
    [InlineData("\"text\"", "JSON object")]
    [InlineData("""{"changes": {}}""", "'changes'")]
    [InlineData("""{"changes": ["refs/heads/x"]}""", "'changes[]'")]
    [InlineData("""{"changes": [{"toHash": "abcd1234"}]}""", "'changes[].ref'")]
    [InlineData("""{"changes": [{"ref": "refs/heads/x"}]}""", "'changes[].ref'")]
    [InlineData("""{"changes": [{"ref": {"id": 7}}]}""", "'changes[].ref.id'")]
    [InlineData("""{"changes": [{"refId": "refs/heads/x", "toHash": "not-a-sha"}]}""", "'changes[].toHash'")]
    [InlineData("""{"changes": [{"refId": "refs/heads/x", "fromHash": "12"}]}""", "'changes[].fromHash'")]
    [InlineData("""{"toCommit": {"id": "zzzzzzzz"}}""", "'toCommit.id'")]
    [InlineData("""{"repository": {"links": {"clone": [{"href": "not a url"}]}}}""", "'repository.links.clone[].href'")]
    [InlineData("""{"repository": {"links": {"clone": {"href": "https://git.acme.test/scm/a/b.git"}}}}""", "'repository.links.clone'")]
    [InlineData("""{"repository": {"links": {"self": [{"href": 3}]}}}""", "'repository.links.self[].href'")]
    public void Read_BadInput_IsMalformedNamingTheField(string json, string detail)
    {
        var outcome = Read(json);

        ReaderHarness.AssertMalformed(outcome, detail);
    }

    [Fact]
    public void Read_ReferencePayloadUpdate_GivesMainAtItsCommitWithBothCloneUrls()
    {
        var json = ReaderHarness.ReferencePayload(Folder, "refs_changed-update.json");
        if (json is null)
        {
            return;
        }

        var push = Assert.Single(ReaderHarness.Read(new BitbucketServerReader(), PushHeaders, json).Value.Pushes);

        Assert.Equal(("main", "9fdd7b96d3f5c276d0b9e0bf38c879eb112d889a", false), (push.Branch, push.Commit, push.Deleted));
        Assert.Contains("ssh://git@localhost:7999/amuniz/test-repos.git", push.RepositoryUrls);
        Assert.Contains("http://localhost:7990/scm/amuniz/test-repos.git", push.RepositoryUrls);
    }

    [Fact]
    public void Read_ReferencePayloadAnnotatedTag_GivesTheTagAtTheTaggedCommit()
    {
        var json = ReaderHarness.ReferencePayload(Folder, "refs_changed-annotated-tag-add.json");
        if (json is null)
        {
            return;
        }

        var push = Assert.Single(ReaderHarness.Read(new BitbucketServerReader(), PushHeaders, json).Value.Pushes);

        Assert.Equal(((string?)null, "annotated-tag", "fb522a6f08c7c7df337312e4e65ec1b57710672e"), (push.Branch, push.Tag, push.Commit));
        Assert.Contains("http://localhost:7990/bitbucket/scm/amuniz/test-repos.git", push.RepositoryUrls);
    }

    [Fact]
    public void Read_ReferencePayloadPing_IsPing()
    {
        var json = ReaderHarness.ReferencePayload(Folder, "diagnostics-ping.json");
        if (json is null)
        {
            return;
        }

        var delivery = ReaderHarness.Read(new BitbucketServerReader(), [("X-Event-Key", "diagnostics:ping")], json).Value;

        Assert.Equal(DeliveryKind.Ping, delivery.Kind);
    }

    [Fact]
    public void Read_EveryReferencePayload_IsAPushOrAPing()
    {
        var folder = ReaderHarness.ReferencePayloads(Folder);
        if (folder is null)
        {
            return;
        }

        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            var ping = Path.GetFileName(file).Contains("ping", StringComparison.Ordinal);
            var headers = ping ? [("X-Event-Key", "diagnostics:ping")] : PushHeaders;

            var outcome = ReaderHarness.Read(new BitbucketServerReader(), headers, File.ReadAllBytes(file));

            Assert.True(outcome.Succeeded, $"{Path.GetFileName(file)}: {outcome.Failure?.Detail}");
            Assert.Equal(ping ? DeliveryKind.Ping : DeliveryKind.Push, outcome.Value.Kind);
        }
    }
}
