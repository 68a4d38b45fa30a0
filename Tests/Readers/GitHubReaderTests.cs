using System.Text;
using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Redeploy.Tests.Hooks;
using Xunit;

namespace Redeploy.Tests.Readers;

public sealed class GitHubReaderTests
{
    private const string DeliveryId = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

    [Fact]
    public void Read_PushToBranch_GivesBranchCommitAndCloneUrls()
    {
        var delivery = Read("push", HookRequests.Fixture("github", "github-push-branch.json"));

        Assert.Equal(DeliveryKind.Push, delivery.Kind);
        Assert.Equal(Sender.GitHub, delivery.Sender);
        Assert.Equal(DeliveryId, delivery.DeliveryId);
        Assert.Equal("push", delivery.Event);
        var push = Assert.Single(delivery.Pushes);
        Assert.Equal("feature/login", push.Branch);
        Assert.Null(push.Tag);
        Assert.Equal("0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c", push.Commit);
        Assert.False(push.Deleted);
        // html_url, git_url, ssh_url and clone_url name one repository: it is listed once.
        Assert.Equal(["https://github.com/acme/shop"], push.RepositoryUrls);
    }

    [Fact]
    public void Read_PushOfTag_GivesTagAndNoBranch()
    {
        var push = Assert.Single(Read("push", HookRequests.Fixture("github", "github-push-tag.json")).Pushes);

        Assert.Null(push.Branch);
        Assert.Equal("v1.4.0", push.Tag);
        Assert.Equal("9f3c1b2a7e4d5c6b8a9f0e1d2c3b4a5968778695", push.Commit);
        Assert.False(push.Deleted);
    }

    [Theory]
    [InlineData("""{"ref": "refs/heads/old", "after": "0000000000000000000000000000000000000000", "deleted": true}""")]
    [InlineData("""{"ref": "refs/heads/old", "after": "0000000000000000000000000000000000000000"}""")]
    [InlineData("""{"ref": "refs/heads/old", "after": null, "deleted": true}""")]
    public void Read_BranchDeleted_MarksPushDeletedWithoutCommit(string json)
    {
        var push = Assert.Single(Read("push", Encoding.UTF8.GetBytes(json)).Pushes);

        Assert.Equal("old", push.Branch);
        Assert.True(push.Deleted);
        Assert.Null(push.Commit);
    }

    [Fact]
    public void Read_BranchDeletedFixture_MarksPushDeleted()
    {
        var push = Assert.Single(Read("push", HookRequests.Fixture("github", "github-push-branch-deleted.json")).Pushes);

        Assert.Equal(("old-feature", true, null), (push.Branch, push.Deleted, push.Commit));
        Assert.Equal(["https://github.com/acme/shop"], push.RepositoryUrls);
    }

    [Fact]
    public void Read_Ping_GivesPing()
    {
        var delivery = Read("ping", HookRequests.Fixture("github", "github-ping.json"));

        Assert.Equal(DeliveryKind.Ping, delivery.Kind);
        Assert.Equal("ping", delivery.IgnoredReason);
        Assert.Empty(delivery.Pushes);
    }

    [Theory]
    [InlineData("issues")]
    [InlineData("pull_request")]
    [InlineData("create")]
    [InlineData("delete")]
    public void Read_OtherEvent_IgnoredNamingIt(string @event)
    {
        var delivery = Read(@event, HookRequests.Fixture("github", "github-issues-opened.json"));

        Assert.Equal(DeliveryKind.Ignored, delivery.Kind);
        Assert.Equal(@event, delivery.Event);
        Assert.Equal($"event '{@event}' is not a push", delivery.IgnoredReason);
        Assert.Empty(delivery.Pushes);
    }

    [Fact]
    public void Read_WorkflowRun_IsACiResultReadByTheCiReader()
    {
        var delivery = Read("workflow_run", HookRequests.Fixture("github", "github-workflow-run-completed.json"));

        Assert.Equal(DeliveryKind.CiResult, delivery.Kind);
        Assert.Equal(new CiCheck("Build", true, "success"), delivery.Ci);
        var push = Assert.Single(delivery.Pushes);
        Assert.Equal(("main", "acb5820ced9479c074f688cc328bf03f341a511d"), (push.Branch, push.Commit));
        Assert.Equal(["https://github.com/acme/shop"], push.RepositoryUrls);
    }

    [Fact]
    public void Read_PushAsForm_ReadsPayloadField()
    {
        var form = HookRequests.AsForm(HookRequests.Fixture("github", "github-push-branch.json"));
        var request = HookRequests.Create(form, HookRequests.Form, "X-GitHub-Event: push", $"X-GitHub-Delivery: {DeliveryId}");

        var push = Assert.Single(DeliveryReader.Read(request).Value.Pushes);

        Assert.Equal(("feature/login", "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c"), (push.Branch, push.Commit));
    }

    [Theory]
    [InlineData("""{"ref": 7}""", "field 'ref': expected a string, found a number")]
    [InlineData("""{"after": ["x"]}""", "field 'after': expected a string, found an array")]
    [InlineData("""{"deleted": "yes"}""", "field 'deleted': expected a boolean, found a string")]
    [InlineData("""{"repository": "acme/shop"}""", "field 'repository': expected an object, found a string")]
    [InlineData("""{"repository": {"clone_url": 12}}""", "field 'repository.clone_url': expected a string, found a number")]
    [InlineData("""{"repository": {"clone_url": "not a url"}}""", "field 'repository.clone_url': not a repository URL")]
    [InlineData("""{"after": "not-a-sha"}""", "field 'after': expected a hex commit SHA")]
    [InlineData("""{"workflow_run": {"head_sha": "zzzz"}}""", "field 'workflow_run.head_sha': expected a hex commit SHA", "workflow_run")]
    public void Read_WrongField_MalformedNamingField(string json, string detail, string @event = "push")
    {
        var request = HookRequests.Create(json, HookRequests.Json, $"X-GitHub-Event: {@event}");

        var failure = DeliveryReader.Read(request).Failure;

        Assert.Equal(new Failure(FailureKind.Malformed, detail), failure);
    }

    [Fact]
    public void Read_NumbersWhereOthersSendStrings_Skipped()
    {
        const string json = """
            {"ref": "refs/heads/main", "after": "abcdef1", "created": 1, "repository": {"created_at": 1527711484,
             "pushed_at": 1527711528, "updated_at": "2018-05-30T20:18:35Z", "owner": {"id": 1, "url": 3}, "url": 5,
             "clone_url": "https://github.com/acme/shop.git"}}
            """;

        var push = Assert.Single(Read("push", Encoding.UTF8.GetBytes(json)).Pushes);

        Assert.Equal(["https://github.com/acme/shop.git"], push.RepositoryUrls);
    }

    [Fact]
    public void Read_PushWithManyCommits_AllocatesNoMoreThanWithFew()
    {
        var few = PushWithCommits(10);
        var many = PushWithCommits(2000);
        Read("push", few);
        Read("push", many);

        var fewBytes = AllocatedWhileReading(few);
        var manyBytes = AllocatedWhileReading(many);

        Assert.True(manyBytes - fewBytes < 2048, $"10 commits: {fewBytes} bytes, 2000 commits: {manyBytes} bytes");
    }

    private static long AllocatedWhileReading(byte[] body)
    {
        var request = HookRequests.Create(body, HookRequests.Json, "X-GitHub-Event: push");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var outcome = DeliveryReader.Read(request);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(outcome.Succeeded);
        return allocated;
    }

    private static byte[] PushWithCommits(int count)
    {
        var json = new StringBuilder("""{"ref": "refs/heads/main", "after": "199eddf46df50de8d02e99bf1c5fdb4101338224", "commits": [""");
        for (var i = 0; i < count; i++)
        {
            json.Append(i == 0 ? "" : ",").Append($$"""
                {"id": "{{i:x40}}", "message": "Commit {{i}}\nwith a body", "url": "https://github.com/acme/shop/commit/{{i:x40}}",
                 "author": {"name": "Ada", "email": "ada@example.com"}, "added": [], "removed": [], "modified": ["a.cs", "b.cs"]}
                """);
        }

        json.Append("""], "repository": {"clone_url": "https://github.com/acme/shop.git", "created_at": 1527711484}}""");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private static Delivery Read(string @event, byte[] body)
    {
        var request = HookRequests.Create(body, HookRequests.Json, $"X-GitHub-Event: {@event}", $"X-GitHub-Delivery: {DeliveryId}");
        var outcome = DeliveryReader.Read(request);
        Assert.True(outcome.Succeeded, outcome.Failure?.Detail);
        return outcome.Value;
    }
}
