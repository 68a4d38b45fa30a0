using Microsoft.Extensions.Time.Testing;
using Redeploy.Core.GitHub;

namespace Redeploy.Tests.GitHub;

/// <summary>CONTRACT §8: the exact requests Redeploy sends to GitHub, over real HTTP.</summary>
public sealed class GitHubClientTests : IDisposable
{
    private static readonly GitHubRepository Shop = new("acme", "shop");
    private readonly FakeGitHub github = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly GitHubTestClient client;

    public GitHubClientTests() => client = new GitHubTestClient(github, time);

    [Fact]
    public async Task CreateHook_WithToken_SendsTheContractBodyAndGitHubHeaders()
    {
        github.On("POST", "/repos/acme/shop/hooks", 201, """{"id": 7}""");

        var id = await client.Client.CreateHookAsync(Shop, "http://hooks.test/stacks/redeploy/u1/t1", "s3cret", ["push", "deployment"], CancellationToken.None);

        Assert.Equal(7, id);
        var call = Assert.Single(github.CallsTo("POST", "/repos/acme/shop/hooks"));
        Assert.Equal(
            """{"name":"web","config":{"url":"http://hooks.test/stacks/redeploy/u1/t1","content_type":"json","secret":"s3cret","insecure_ssl":"0"},"events":["push","deployment"],"active":true}""",
            call.CompactBody);
        Assert.Equal("Bearer ghp_test-token", call.Headers["authorization"]);
        Assert.Equal("application/vnd.github+json", call.Headers["accept"]);
        Assert.Equal("2022-11-28", call.Headers["x-github-api-version"]);
        Assert.StartsWith("Redeploy", call.Headers["user-agent"]);
        Assert.StartsWith("application/json", call.Headers["content-type"]);
    }

    [Fact]
    public async Task UpdateHook_PatchesConfigEventsAndActive()
    {
        github.On("PATCH", "/repos/acme/shop/hooks/7", 200, """{"id": 7}""");

        await client.Client.UpdateHookAsync(Shop, 7, "http://hooks.test/stacks/redeploy/u1/t2", "s3cret", ["issues", "push", "deployment"], CancellationToken.None);

        var call = Assert.Single(github.CallsTo("PATCH", "/repos/acme/shop/hooks/7"));
        Assert.Equal(
            """{"config":{"url":"http://hooks.test/stacks/redeploy/u1/t2","content_type":"json","secret":"s3cret","insecure_ssl":"0"},"events":["issues","push","deployment"],"active":true}""",
            call.CompactBody);
    }

    [Fact]
    public async Task CreateDeployment_SendsTheContractBody()
    {
        github.On("POST", "/repos/acme/shop/deployments", 201, """{"id": 4242, "sha": "9f3c"}""");

        var id = await client.Client.CreateDeploymentAsync(
            Shop, new GitHubDeploymentRequest("9f3c1a2", "production", "Redeploy: web, worker", "r1", "r1", "shop", ["web", "worker"]), CancellationToken.None);

        Assert.Equal(4242, id);
        var call = Assert.Single(github.CallsTo("POST", "/repos/acme/shop/deployments"));
        Assert.Equal(
            """{"ref":"9f3c1a2","task":"deploy","auto_merge":false,"required_contexts":[],"environment":"production","description":"Redeploy: web, worker","payload":{"redeploy":{"requestId":"r1","jobId":"r1","stack":"shop","services":["web","worker"]}}}""",
            call.CompactBody);
    }

    [Fact]
    public async Task CreateDeploymentStatus_SendsOnlyWhatIsGiven()
    {
        github.On("POST", "/repos/acme/shop/deployments/4242/statuses", 201, """{"id": 1}""");

        await client.Client.CreateDeploymentStatusAsync(Shop, 4242, new GitHubDeploymentStatus("queued"), CancellationToken.None);
        await client.Client.CreateDeploymentStatusAsync(
            Shop, 4242, new GitHubDeploymentStatus("success", EnvironmentUrl: "https://shop.example", LogUrl: "https://ci.example/1"), CancellationToken.None);

        var calls = github.CallsTo("POST", "/repos/acme/shop/deployments/4242/statuses");
        Assert.Equal(["""{"state":"queued"}""", """{"state":"success","environment_url":"https://shop.example","log_url":"https://ci.example/1"}"""], calls.Select(c => c.CompactBody));
    }

    [Fact]
    public async Task Call_RateLimited_ThrowsWithTheWaitFromTheReset()
    {
        var reset = time.GetUtcNow().AddSeconds(120).ToUnixTimeSeconds();
        github.On("POST", "/repos/acme/shop/deployments", 403, """{"message": "API rate limit exceeded"}""",
            new Dictionary<string, string> { ["x-ratelimit-remaining"] = "0", ["x-ratelimit-reset"] = reset.ToString() });

        var e = await Assert.ThrowsAsync<GitHubApiException>(() => client.Client.CreateDeploymentAsync(
            Shop, new GitHubDeploymentRequest("main", "shop", "Redeploy: web", "r1", "r1", "shop", ["web"]), CancellationToken.None));

        Assert.Equal(403, e.Status);
        Assert.Equal(TimeSpan.FromSeconds(120), e.RetryAfter);
        Assert.Equal("GitHub answered 403 to POST /repos/acme/shop/deployments: API rate limit exceeded", e.Message);
    }

    [Fact]
    public async Task Call_Refused_ThrowsWithoutAWaitAndSaysWhy()
    {
        github.On("POST", "/repos/acme/shop/deployments", 422, """{"message": "No ref found for: nope"}""");

        var e = await Assert.ThrowsAsync<GitHubApiException>(() => client.Client.CreateDeploymentAsync(
            Shop, new GitHubDeploymentRequest("nope", "shop", "Redeploy: web", "r1", "r1", "shop", ["web"]), CancellationToken.None));

        Assert.Null(e.RetryAfter);
        Assert.False(e.IsServerError);
        Assert.Contains("No ref found for: nope", e.Message);
        Assert.DoesNotContain("ghp_test-token", e.ToString());
    }

    [Fact]
    public async Task ListHooks_ReadsUrlEventsActiveAndContentType()
    {
        github.On("GET", "/repos/acme/shop/hooks", 200,
            """[{"id": 1, "active": true, "events": ["push"], "config": {"url": "https://ci.example/x", "content_type": "form"}}, {"id": 2, "active": false, "events": [], "config": {}}]""");

        var hooks = await client.Client.ListHooksAsync(Shop, CancellationToken.None);

        Assert.Equal([new GitHubHook(1, "https://ci.example/x", ["push"], true, "form"), new GitHubHook(2, null, [], false, null)], hooks, new HookComparer());
        Assert.Equal("/repos/acme/shop/hooks?per_page=100", Assert.Single(github.Calls).Path);
    }

    public void Dispose()
    {
        client.Dispose();
        github.Dispose();
    }

    private sealed class HookComparer : IEqualityComparer<GitHubHook>
    {
        public bool Equals(GitHubHook? x, GitHubHook? y) =>
            x!.Id == y!.Id && x.Url == y.Url && x.Events.SequenceEqual(y.Events) && x.Active == y.Active && x.ContentType == y.ContentType;

        public int GetHashCode(GitHubHook obj) => obj.Id.GetHashCode();
    }
}
