using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Redeploy.Cli.Dev;
using Redeploy.Core;
using Redeploy.Core.Intake;
using Redeploy.Core.Matching;
using Redeploy.Core.Security;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Integration;

/// <summary>
/// End to end over real HTTP: the local host (Kestrel + the WebJobs SDK queue trigger) on a free port against an
/// Azurite of its own, since the queue trigger listens on the fixed queue names.
/// </summary>
public sealed class LocalHostTests : IAsyncLifetime
{
    private AzuriteProcess? azurite;
    private LocalHost? host;
    private readonly HttpClient http = new();

    private TableStackStore Stacks => (TableStackStore)host!.Services.GetService(typeof(TableStackStore))!;

    private RequestLog Requests => (RequestLog)host!.Services.GetService(typeof(RequestLog))!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync(AzuriteFixture.RepositoryRoot);
        host = await LocalHost.StartAsync(
            new LocalHostSettings(azurite.ConnectionString, FreePort(), RetryDelay: TimeSpan.Zero),
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        azurite?.Dispose();
        http.Dispose();
    }

    [Fact]
    public void Start_Always_FitsKestrelsLimitsToTheSettings()
    {
        var kestrel = ((IOptions<KestrelServerOptions>)host!.Services.GetService(typeof(IOptions<KestrelServerOptions>))!).Value.Limits;
        var redeploy = (RedeployOptions)host.Services.GetService(typeof(RedeployOptions))!;

        Assert.Equal(redeploy.MaxPayloadBytes + 1, kestrel.MaxRequestBodySize);
        Assert.Equal(1024, kestrel.MinRequestBodyDataRate!.BytesPerSecond);
        Assert.Equal(32 * 1024, kestrel.MaxRequestHeadersTotalSize);
    }

    [Fact]
    public async Task Post_GitHubPushAndEmptyCurlPost_EachEndAsOneJobAndReadDispatched()
    {
        var (uid, token) = await AddStackAsync();
        var hookUrl = new Uri(host!.Address, $"/stacks/redeploy/{uid}/{token}");

        using var push = new StringContent(Payloads.GitHubPush(), Encoding.UTF8, "application/json");
        push.Headers.Add("X-GitHub-Event", "push");
        push.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        var pushAnswer = await http.PostAsync(hookUrl, push);
        var curlAnswer = await http.PostAsync(hookUrl, content: null);

        Assert.Equal(HttpStatusCode.Accepted, pushAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, curlAnswer.StatusCode);
        var pushStatus = await WaitForFinalStatusAsync(pushAnswer.Headers.Location!);
        var curlStatus = await WaitForFinalStatusAsync(curlAnswer.Headers.Location!);
        Assert.Equal("dispatched", pushStatus.GetProperty("status").GetString());
        Assert.Equal("dispatched", curlStatus.GetProperty("status").GetString());

        var jobs = await PeekJobsAsync();
        Assert.Equal(2, jobs.Count);
        Assert.Contains(jobs, j => j.Services.SequenceEqual([new ServiceDeployment("web", Payloads.Commit), new ServiceDeployment("worker", Payloads.Commit)]));
        Assert.Contains(jobs, j => j.Services.Count == 4);
    }

    [Fact]
    public async Task Process_MessageThatAlwaysFails_IsRetriedThenPoisonedAndReadsFailed()
    {
        var (uid, token) = await AddStackAsync();
        var requestId = RequestIds.New();
        await Requests.TryCreateAsync(
            new RequestRecord(uid, requestId, "shop", RequestStatus.Queued, DateTimeOffset.UtcNow, "test", null, "from a future version"),
            CancellationToken.None);
        var queue = new QueueClient(azurite!.ConnectionString, "redeploy-requests", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        // A message version this processor does not know: every attempt throws.
        await queue.SendMessageAsync(BinaryData.FromString($$"""{"v":99,"id":"{{requestId}}","stack":"{{uid}}","pushes":[]}"""));

        var status = await WaitForFinalStatusAsync(new Uri(host!.Address, $"/stacks/redeploy/{uid}/{token}/requests/{requestId}"));

        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Contains("5 attempts", status.GetProperty("reason").GetString());
        Assert.Empty(await PeekJobsAsync());
    }

    [Fact]
    public async Task Post_WebhookDeployer_JobIsPostedAndReportsOverHttpAndTheQueueEndItSucceeded()
    {
        await using var deployer = await DeployerEndpoint.StartAsync();
        var (uid, token) = await AddStackAsync(new Redeploy.Core.Stacks.WebhookTarget(deployer.Url, "local-secret"));
        var answer = await http.PostAsync(new Uri(host!.Address, $"/stacks/redeploy/{uid}/{token}"), content: null);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);

        Assert.Equal("dispatched", (await WaitForFinalStatusAsync(answer.Headers.Location!)).GetProperty("status").GetString());
        var job = JsonDocument.Parse(Assert.Single(deployer.Received).Body).RootElement;
        var jobId = job.GetProperty("jobId").GetString()!;
        var events = new QueueClient(azurite!.ConnectionString, "deployment-events", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await events.SendMessageAsync("{\"jobId\":\"" + jobId + "\",\"state\":\"started\",\"logUrl\":\"https://ci.example/1\"}");
        await WaitForAsync(answer.Headers.Location!, "deploying");
        var report = await http.PostAsync(job.GetProperty("callbackUrl").GetString()!, new StringContent("{\"state\":\"succeeded\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, report.StatusCode);
        var status = await http.GetFromJsonAsync<JsonElement>(answer.Headers.Location!);
        Assert.Equal(("succeeded", "https://ci.example/1"), (status.GetProperty("status").GetString(), status.GetProperty("logUrl").GetString()));
    }

    private async Task WaitForAsync(Uri statusUrl, string word)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if ((await http.GetFromJsonAsync<JsonElement>(statusUrl)).GetProperty("status").GetString() == word)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"request at {statusUrl.AbsolutePath} never read {word}");
    }

    private async Task<(string Uid, string Token)> AddStackAsync(Redeploy.Core.Stacks.DeployerTarget? deployer = null)
    {
        var (stack, token) = StackTokens.NewStack(SampleStacks.Shop);
        await Stacks.SaveAsync(stack with { Deployer = deployer ?? Redeploy.Core.Stacks.QueueTarget.Instance }, CancellationToken.None);
        return (stack.Uid, token);
    }

    private async Task<JsonElement> WaitForFinalStatusAsync(Uri statusUrl)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var status = await http.GetFromJsonAsync<JsonElement>(statusUrl);
            if (status.GetProperty("status").GetString() is not "queued")
            {
                return status;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"request at {statusUrl.AbsolutePath} still queued after a minute");
    }

    private async Task<IReadOnlyList<DeploymentJob>> PeekJobsAsync()
    {
        var queue = new QueueClient(azurite!.ConnectionString, new RedeployOptions().JobQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var messages = (await queue.PeekMessagesAsync(32)).Value;
        return messages.Select(m => JobQueue.Deserialize(m.Body)).ToList();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
