using System.Text;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Redeploy.Tests.Readers;
using Xunit;

namespace Redeploy.Tests.Hooks;

public sealed class SenderDetectorTests
{
    [Theory]
    [InlineData("X-GitHub-Event: push", "", Sender.GitHub)]
    [InlineData("x-github-event: push", "", Sender.GitHub)]
    [InlineData("X-GitHub-Event: push|X-Gitea-Event: push|X-Gogs-Event: push", "", Sender.Gitea)]
    [InlineData("X-GitHub-Event: push|X-Gitea-Event: push|X-Gogs-Event: push|X-Forgejo-Event: push", "", Sender.Forgejo)]
    [InlineData("X-GitHub-Event: push|X-Gogs-Event: push", "", Sender.Gogs)]
    [InlineData("X-Gitlab-Event: Push Hook", "", Sender.GitLab)]
    [InlineData("X-Gitlab-Event: Tag Push Hook", "", Sender.GitLab)]
    [InlineData("X-Event-Key: repo:push|X-Hook-UUID: 6c3f4d5e", "", Sender.BitbucketCloud)]
    [InlineData("X-Event-Key: repo:push", "", Sender.BitbucketCloud)]
    [InlineData("X-Event-Key: pullrequest:created|X-Hook-UUID: 6c3f4d5e", "", Sender.BitbucketCloud)]
    [InlineData("X-Event-Key: issue:created", "", Sender.BitbucketCloud)]
    [InlineData("X-Event-Key: repo:commit_status_updated", "", Sender.BitbucketCloud)]
    [InlineData("X-Event-Key: repo:refs_changed|X-Request-Id: 1f2e", "", Sender.BitbucketServer)]
    [InlineData("X-Event-Key: diagnostics:ping", "", Sender.BitbucketServer)]
    [InlineData("X-Event-Key: pr:opened", "", Sender.BitbucketServer)]
    [InlineData("X-Event-Key: repo:comment:added", "", Sender.BitbucketServer)]
    [InlineData("X-Event-Key: something:new|X-Hook-UUID: 6c3f4d5e", "", Sender.BitbucketCloud)]
    [InlineData("X-Event-Key: something:new", "", Sender.BitbucketServer)]
    [InlineData("", """{"canon_url": "https://bitbucket.org", "commits": [], "repository": {}}""", Sender.BitbucketPost)]
    [InlineData("", """{"canon_url": "https://bitbucket.org"}""", Sender.Generic)]
    [InlineData("", """{"nested": {"canon_url": "https://bitbucket.org", "commits": []}}""", Sender.Generic)]
    [InlineData("", """{"id": "x", "eventType": "git.push", "publisherId": "tfs", "resource": {}}""", Sender.AzureDevOps)]
    [InlineData("", """{"resource": {"a": [1, {"b": 2}]}, "publisherId": "tfs", "eventType": "git.pullrequest.created"}""", Sender.AzureDevOps)]
    [InlineData("", """{"eventType": "git.push", "publisherId": "someone"}""", Sender.Generic)]
    [InlineData("", """{"eventType": 7, "publisherId": "tfs"}""", Sender.Generic)]
    [InlineData("", """{"publisherId": "tfs"}""", Sender.Generic)]
    [InlineData("", """{"repository": "https://github.com/acme/shop", "branch": "main"}""", Sender.Generic)]
    [InlineData("", "", Sender.Generic)]
    [InlineData("X-Custom: 1", "", Sender.Generic)]
    public void Detect_HeadersAndBody_NamesSender(string headers, string json, Sender expected)
    {
        var request = HookRequests.Create(json, HookRequests.Json, headers.Split('|', StringSplitOptions.RemoveEmptyEntries));

        var sender = SenderDetector.Detect(request, ReaderHarness.Index(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(expected, sender);
    }

    [Fact]
    public void Detect_GitHubHeaderWithAzureDevOpsBody_HeaderWins()
    {
        const string json = """{"eventType": "git.push", "publisherId": "tfs"}""";
        var request = HookRequests.Create(json, HookRequests.Json, "X-GitHub-Event: push");

        Assert.Equal(Sender.GitHub, SenderDetector.Detect(request, ReaderHarness.Index(Encoding.UTF8.GetBytes(json))));
    }
}
