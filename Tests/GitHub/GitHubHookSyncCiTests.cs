using Microsoft.Extensions.Time.Testing;
using Redeploy.Core.GitHub;
using Redeploy.Core.Stacks;

namespace Redeploy.Tests.GitHub;

/// <summary>CONTRACT §8 and §9: a continuous.deploy hook of a stack that deploys on CI also delivers GitHub's CI events.</summary>
public sealed class GitHubHookSyncCiTests : IDisposable
{
    private const string Url = "http://hooks.test/stacks/redeploy/u1/tok2";
    private static readonly GitHubRepository Shop = new("acme", "shop");
    private readonly FakeGitHub github = new();
    private readonly GitHubTestClient client;

    public GitHubHookSyncCiTests() => client = new GitHubTestClient(github, new FakeTimeProvider());

    [Fact]
    public async Task Sync_StackOnCi_CreatesTheHookWithTheCiEvents()
    {
        github.On("GET", "/repos/acme/shop/hooks", 200, "[]");
        github.On("POST", "/repos/acme/shop/hooks", 201, """{"id": 9}""");

        await new GitHubHookSync(client.Client, DeployOn.Ci).SyncAsync(Shop, "u1", Url, "s3cret", null, CancellationToken.None);

        var events = Assert.Single(github.CallsTo("POST", "/repos/acme/shop/hooks")).Json.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["push", "deployment", "workflow_run", "check_suite", "status"], events);
    }

    [Fact]
    public async Task Sync_HookWithoutCiEventsOfAStackNowOnCi_IsUpdated()
    {
        github.On("GET", "/repos/acme/shop/hooks", 200, $$$"""[{"id": 5, "active": true, "events": ["push", "deployment"], "config": {"url": "{{{Url}}}", "content_type": "json"}}]""");
        github.On("PATCH", "/repos/acme/shop/hooks/5", 200, """{"id": 5}""");

        var (result, _) = await new GitHubHookSync(client.Client, DeployOn.Ci).SyncAsync(Shop, "u1", Url, "s3cret", GitHubHookSync.SecretHash(5, "s3cret"), CancellationToken.None);

        Assert.Equal(HookSyncResult.Updated, result);
        var events = Assert.Single(github.CallsTo("PATCH", "/repos/acme/shop/hooks/5")).Json.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("workflow_run", events);
    }

    public void Dispose()
    {
        client.Dispose();
        github.Dispose();
    }
}
