using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Xunit;

namespace Redeploy.Tests.Readers;

public sealed class GitLabReaderTests
{
    private const string Folder = "gitlab";

    private static Outcome<Delivery> Read(string gitlabEvent, string json) =>
        ReaderHarness.Read(new GitLabReader(), [("X-Gitlab-Event", gitlabEvent)], json);

    [Fact]
    public void Read_PushHook_GivesTheBranchAtCheckoutShaWithTheProjectUrls()
    {
        var delivery = Read("Push Hook", ReaderHarness.Fixture(Folder, "gitlab-push-branch.json")).Value;

        Assert.Equal((DeliveryKind.Push, Sender.GitLab, "Push Hook"), (delivery.Kind, delivery.Sender, delivery.Event));
        var push = Assert.Single(delivery.Pushes);
        Assert.Equal(("feature/cart", (string?)null, "2222222222222222222222222222222222222222", false), (push.Branch, push.Tag, push.Commit, push.Deleted));
        Assert.Equal(["gitlab.acme.test/acme/shop"], ReaderHarness.Normalized(push.RepositoryUrls));
    }

    [Theory]
    [InlineData("Push Hook", "gitlab-push-branch-delete.json", "feature/old", null, null, true)]
    [InlineData("Tag Push Hook", "gitlab-tag-push-annotated.json", null, "v2.0.0", "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0", false)]
    [InlineData("System Hook", "gitlab-system-hook-push.json", "main", null, "2222222222222222222222222222222222222222", false)]
    public void Read_Fixture_GivesThatPush(string gitlabEvent, string fixture, string? branch, string? tag, string? commit, bool deleted)
    {
        var delivery = Read(gitlabEvent, ReaderHarness.Fixture(Folder, fixture)).Value;

        Assert.Equal(DeliveryKind.Push, delivery.Kind);
        var push = Assert.Single(delivery.Pushes);
        Assert.Equal((branch, tag, commit, deleted), (push.Branch, push.Tag, push.Commit, push.Deleted));
        Assert.Equal(["gitlab.acme.test/acme/shop"], ReaderHarness.Normalized(push.RepositoryUrls));
    }

    [Theory]
    [InlineData("""{"ref": "refs/heads/main", "after": "ABCD1234"}""", "main", "abcd1234")]
    [InlineData("""{"ref": "refs/heads/main", "after": "abcd1234", "checkout_sha": null}""", "main", "abcd1234")]
    [InlineData("""{"after": "abcd1234", "checkout_sha": "ef567890"}""", null, "ef567890")]
    [InlineData("""{"ref": "refs/heads/release/1.x"}""", "release/1.x", null)]
    public void Read_PushFields_GiveTheBranchAndCommit(string json, string? branch, string? commit)
    {
        var push = Assert.Single(Read("Push Hook", json).Value.Pushes);

        Assert.Equal((branch, commit, false), (push.Branch, push.Commit, push.Deleted));
        Assert.Empty(push.RepositoryUrls);
    }

    [Theory]
    [InlineData("Idempotency-Key", "idem-1")]
    [InlineData("X-Gitlab-Event-UUID", "uuid-1")]
    public void Read_DeliveryIdHeader_IsTheDeliveryId(string header, string value)
    {
        var delivery = ReaderHarness.Read(new GitLabReader(), [("X-Gitlab-Event", "Push Hook"), (header, value)], "{}").Value;

        Assert.Equal(value, delivery.DeliveryId);
    }

    [Fact]
    public void Read_BothDeliveryIdHeaders_PrefersIdempotencyKey()
    {
        var delivery = ReaderHarness.Read(
            new GitLabReader(),
            [("X-Gitlab-Event", "Push Hook"), ("X-Gitlab-Event-UUID", "uuid-1"), ("Idempotency-Key", "idem-1")],
            "{}").Value;

        Assert.Equal("idem-1", delivery.DeliveryId);
    }

    [Theory]
    [InlineData("Merge Request Hook", """{"ref": 7, "project": 7, "repository": 7, "object_kind": 7}""", "Merge Request Hook")]
    [InlineData("Job Hook", "{}", "Job Hook")]
    [InlineData("System Hook", """{"event_name": "repository_update", "refs": ["refs/heads/main"]}""", "repository_update")]
    [InlineData("System Hook", """{"object_kind": "merge_request", "event_type": "merge_request"}""", "merge_request")]
    public void Read_OtherEvent_IsIgnoredNamingIt(string gitlabEvent, string json, string named)
    {
        var delivery = Read(gitlabEvent, json).Value;

        Assert.Equal(DeliveryKind.Ignored, delivery.Kind);
        Assert.Contains(named, delivery.IgnoredReason);
        Assert.Empty(delivery.Pushes);
    }

    [Fact]
    public void Read_SystemHookRepositoryUpdateFixture_IsIgnored()
    {
        var delivery = Read("System Hook", ReaderHarness.Fixture(Folder, "gitlab-system-hook-repository-update.json")).Value;

        Assert.Equal(DeliveryKind.Ignored, delivery.Kind);
    }

    [Theory]
    [InlineData("Push Hook", """{"ref": "refs/heads/main", """, "")]
    [InlineData("Push Hook", "null", "JSON object")]
    [InlineData("System Hook", """{"object_kind": ["push"]}""", "'object_kind'")]
    [InlineData("System Hook", """{"object_kind": "push", "after": 5}""", "'after'")]
    [InlineData("Push Hook", """{"ref": ["refs/heads/main"]}""", "'ref'")]
    [InlineData("Push Hook", """{"after": "main"}""", "'after'")]
    [InlineData("Tag Push Hook", """{"checkout_sha": "12345678901234567890123456789012345678901234567890123456789012345"}""", "'checkout_sha'")]
    [InlineData("Push Hook", """{"project": "acme/shop"}""", "'project'")]
    [InlineData("Push Hook", """{"project": {"git_http_url": "shop"}}""", "'project.git_http_url'")]
    [InlineData("Push Hook", """{"project": {"web_url": "https://"}}""", "'project.web_url'")]
    [InlineData("Push Hook", """{"repository": {"git_ssh_url": "git@gitlab.acme.test"}}""", "'repository.git_ssh_url'")]
    [InlineData("Push Hook", """{"repository": {"homepage": 1}}""", "'repository.homepage'")]
    public void Read_BadInput_IsMalformedNamingTheField(string gitlabEvent, string json, string detail)
    {
        var outcome = Read(gitlabEvent, json);

        ReaderHarness.AssertMalformed(outcome, detail);
    }

    [Fact]
    public void Read_ReferencePayloadBranchDelete_GivesDeletedBranch()
    {
        var json = ReaderHarness.ReferencePayload(Folder, "push-hook-branch-delete.json");
        if (json is null)
        {
            return;
        }

        var push = Assert.Single(ReaderHarness.Read(new GitLabReader(), [("X-Gitlab-Event", "Push Hook")], json).Value.Pushes);

        Assert.Equal(("feature", (string?)null, (string?)null, true), (push.Branch, push.Tag, push.Commit, push.Deleted));
        Assert.Equal(["gitlab.com/gitlab-org/hello-world"], ReaderHarness.Normalized(push.RepositoryUrls));
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
            var gitlabEvent = Path.GetFileName(file).Contains("tag", StringComparison.Ordinal) ? "Tag Push Hook" : "Push Hook";

            var outcome = Read(gitlabEvent, File.ReadAllText(file));

            Assert.True(outcome.Succeeded, $"{Path.GetFileName(file)}: {outcome.Failure?.Detail}");
            Assert.Equal(DeliveryKind.Push, outcome.Value.Kind);
            Assert.All(outcome.Value.Pushes, p => Assert.NotEmpty(p.RepositoryUrls));
        }
    }
}
