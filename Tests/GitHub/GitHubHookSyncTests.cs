using Microsoft.Extensions.Time.Testing;
using Redeploy.Core.GitHub;

namespace Redeploy.Tests.GitHub;

/// <summary>CONTRACT §8: a repository's webhook to a stack is created, updated, or left unchanged.</summary>
public sealed class GitHubHookSyncTests : IDisposable
{
    private const string Url = "http://hooks.test/stacks/redeploy/u1/tok2";
    private static readonly GitHubRepository Shop = new("acme", "shop");
    private readonly FakeGitHub github = new();
    private readonly GitHubTestClient client;
    private readonly GitHubHookSync sync;

    public GitHubHookSyncTests()
    {
        client = new GitHubTestClient(github, new FakeTimeProvider());
        sync = new GitHubHookSync(client.Client);
    }

    [Fact]
    public async Task Sync_NoHookOfTheStack_CreatesOne()
    {
        github.On("GET", "/repos/acme/shop/hooks", 200, """[{"id": 3, "active": true, "events": ["push"], "config": {"url": "http://hooks.test/stacks/redeploy/other/tok", "content_type": "json"}}]""");
        github.On("POST", "/repos/acme/shop/hooks", 201, """{"id": 9}""");

        var (result, hash) = await sync.SyncAsync(Shop, "u1", Url, "s3cret", null, CancellationToken.None);

        Assert.Equal(HookSyncResult.Created, result);
        Assert.Equal(GitHubHookSync.SecretHash(9, "s3cret"), hash);
        Assert.Equal(Url, Assert.Single(github.CallsTo("POST", "/repos/acme/shop/hooks")).Json.GetProperty("config").GetProperty("url").GetString());
        Assert.Empty(github.CallsTo("PATCH", "/repos/acme/shop/hooks/3"));
    }

    [Fact]
    public async Task Sync_HookWithAnOldTokenOfTheStack_UpdatesItKeepingTheUsersEvents()
    {
        github.On("GET", "/repos/acme/shop/hooks", 200, """[{"id": 5, "active": false, "events": ["issues", "push"], "config": {"url": "https://old.example/stacks/redeploy/u1/tok1", "content_type": "form"}}]""");
        github.On("PATCH", "/repos/acme/shop/hooks/5", 200, """{"id": 5}""");

        var (result, _) = await sync.SyncAsync(Shop, "u1", Url, "s3cret", GitHubHookSync.SecretHash(5, "s3cret"), CancellationToken.None);

        Assert.Equal(HookSyncResult.Updated, result);
        Assert.Equal(
            $$"""{"config":{"url":"{{Url}}","content_type":"json","secret":"s3cret","insecure_ssl":"0"},"events":["issues","push","deployment"],"active":true}""",
            Assert.Single(github.CallsTo("PATCH", "/repos/acme/shop/hooks/5")).CompactBody);
        Assert.Empty(github.CallsTo("POST", "/repos/acme/shop/hooks"));
    }

    [Theory]
    [InlineData("s3cret", "Unchanged")]
    [InlineData("another", "Updated")]
    [InlineData(null, "Updated")]
    public async Task Sync_HookRight_IsUnchangedOnlyWithTheSecretLastWritten(string? written, string expected)
    {
        github.On("GET", "/repos/acme/shop/hooks", 200, $$$"""[{"id": 5, "active": true, "events": ["push", "deployment"], "config": {"url": "{{{Url}}}", "content_type": "json"}}]""");
        github.On("PATCH", "/repos/acme/shop/hooks/5", 200, """{"id": 5}""");

        var (result, _) = await sync.SyncAsync(Shop, "u1", Url, "s3cret", written is null ? null : GitHubHookSync.SecretHash(5, written), CancellationToken.None);

        Assert.Equal(expected, result.ToString());
        Assert.Equal(expected == "Updated" ? 1 : 0, github.CallsTo("PATCH", "/repos/acme/shop/hooks/5").Count);
    }

    [Theory]
    [InlineData("http://hooks.test/stacks/redeploy/u1/tok", true)]
    [InlineData("https://elsewhere.example/base/stacks/redeploy/u1/tok/", true)]
    [InlineData("http://hooks.test/stacks/redeploy/u12/tok", false)]
    [InlineData("http://hooks.test/stacks/redeploy/u1", false)]
    [InlineData("not a url", false)]
    [InlineData(null, false)]
    public void IsStackHookUrl_MatchesAnyTokenOfTheStack(string? url, bool expected) =>
        Assert.Equal(expected, GitHubHookSync.IsStackHookUrl(url, "u1"));

    public void Dispose()
    {
        client.Dispose();
        github.Dispose();
    }
}
