using System.Net;
using System.Text;
using Redeploy.Cli.Dev;
using Redeploy.Core.Security;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.GitHub;

/// <summary>
/// End to end over real HTTP and real queue triggers: the local host, given GitHub settings as `redeploy dev` passes
/// them, turns a push to a continuous.deploy stack into a job and then one GitHub deployment with its queued status.
/// An Azurite of its own, since the queue triggers listen on the fixed queue names.
/// </summary>
public sealed class LocalHostGitHubTests : IAsyncLifetime
{
    private readonly FakeGitHub github = new();
    private readonly HttpClient http = new();
    private AzuriteProcess? azurite;
    private LocalHost? host;

    public async Task InitializeAsync()
    {
        github.On("POST", "/repos/acme/shop/deployments", 201, """{"id": 101}""");
        github.On("POST", "/repos/acme/shop/deployments/101/statuses", 201, """{"id": 1}""");
        azurite = await AzuriteProcess.StartAsync(AzuriteFixture.RepositoryRoot);
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        host = await LocalHost.StartAsync(
            new LocalHostSettings(
                azurite.ConnectionString,
                port,
                new Dictionary<string, string?> { ["Redeploy:GitHub:ApiUrl"] = github.ApiUrl, ["Redeploy:GitHub:Token"] = "ghp_dev", ["Redeploy:GitHub:Host"] = "github.com" },
                RetryDelay: TimeSpan.Zero),
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        azurite?.Dispose();
        github.Dispose();
        http.Dispose();
    }

    [Fact]
    public async Task Push_ContinuousDeployStack_ShowsOneDeploymentQueuedOnGitHub()
    {
        var stacks = (TableStackStore)host!.Services.GetService(typeof(TableStackStore))!;
        var (stack, token) = StackTokens.NewStack(SampleStacks.Shop);
        var uid = stack.Uid;
        await stacks.SaveAsync(stack with { Settings = new Dictionary<string, string> { [StackSettings.ContinuousDeploy] = "true" } }, CancellationToken.None);

        using var push = new StringContent(Payloads.GitHubPush(), Encoding.UTF8, "application/json");
        push.Headers.Add("X-GitHub-Event", "push");
        push.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        var answer = await http.PostAsync(new Uri(host.Address, $"/stacks/redeploy/{uid}/{token}"), push);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);

        for (var attempt = 0; attempt < 300 && github.CallsTo("POST", "/repos/acme/shop/deployments/101/statuses").Count == 0; attempt++)
        {
            await Task.Delay(200);
        }

        var deployment = Assert.Single(github.CallsTo("POST", "/repos/acme/shop/deployments"));
        Assert.Equal(Payloads.Commit, deployment.Json.GetProperty("ref").GetString());
        Assert.Equal("Bearer ghp_dev", deployment.Headers["authorization"]);
        Assert.Equal("queued", Assert.Single(github.CallsTo("POST", "/repos/acme/shop/deployments/101/statuses")).Json.GetProperty("state").GetString());
    }
}
