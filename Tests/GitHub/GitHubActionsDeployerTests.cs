using System.Text.Json;
using Redeploy.Core.Deployments;
using Redeploy.Core.GitHub;
using Redeploy.Core.Processing;
using Redeploy.Core.Stacks;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.GitHub;

/// <summary>
/// CONTRACT §7/§8's <c>github-actions</c> deployer: the outbox on Azurite dispatching a workflow on a fake GitHub over
/// real HTTP; exact body and headers, rate limits waited out, 5xx retried, other 4xx refused with GitHub's reason.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class GitHubActionsDeployerTests(AzuriteFixture azurite) : IDisposable
{
    private const string Dispatches = "/repos/acme/deploys/actions/workflows/deploy.yml/dispatches";
    private readonly FakeGitHub github = new();
    private readonly List<GitHubTestClient> clients = [];

    [Fact]
    public async Task Deliver_GitHubAnswers204_DispatchesTheWorkflowOnceWithTheJobsInputs()
    {
        github.On("POST", Dispatches, 204);
        var (pipeline, outbox, uid, token, requestId) = await DispatchAsync();
        Assert.Equal("queued", (await pipeline.GetStatusAsync(uid, token, requestId))["status"]);

        var outcome = await pipeline.DeliverNextAsync(outbox: outbox);

        Assert.Equal(DeliveryResult.Delivered, outcome!.Result);
        Assert.Empty(await pipeline.PeekJobsAsync());
        var call = Assert.Single(github.CallsTo("POST", Dispatches));
        Assert.Equal(
            ("Bearer ghp_test-token", "application/vnd.github+json", GitHubConnection.ApiVersion, "application/json; charset=utf-8"),
            (call.Headers["authorization"], call.Headers["accept"], call.Headers["x-github-api-version"], call.Headers["content-type"]));
        var callback = call.Json.GetProperty("inputs").GetProperty("callback_url").GetString()!;
        Assert.StartsWith($"http://hooks.test/deployments/{requestId}/", callback);
        Assert.Equal(["ref", "inputs"], call.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("main", call.Json.GetProperty("ref").GetString());
        var inputs = call.Json.GetProperty("inputs").EnumerateObject().Select(p => (p.Name, p.Value.GetString())).ToList();
        Assert.Equal(
            [
                ("job_id", requestId),
                ("stack", "shop"),
                ("services", $$$"""[{"name":"web","commit":"{{{Payloads.Commit}}}"},{"name":"worker","commit":"{{{Payloads.Commit}}}"}]"""),
                ("callback_url", callback),
            ],
            inputs);
        Assert.Equal(GitHubActionsDeployer.InputNames, inputs.Select(i => i.Name));
        Assert.Equal("dispatched", (await pipeline.GetStatusAsync(uid, token, requestId))["status"]);
        Assert.Null(await pipeline.DeliverNextAsync(outbox: outbox));
    }

    [Fact]
    public async Task Deliver_RateLimited_WaitsUntilTheResetAsAVisibilityDelay()
    {
        var (pipeline, outbox, uid, token, requestId) = await DispatchAsync();
        var reset = pipeline.Time.GetUtcNow().AddMinutes(3).ToUnixTimeSeconds();
        github.On("POST", Dispatches, 403, """{"message": "API rate limit exceeded"}""", new Dictionary<string, string>
        {
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-reset"] = reset.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var limited = await pipeline.DeliverNextAsync(outbox: outbox);

        Assert.Equal(DeliveryResult.Retrying, limited!.Result);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(reset) - pipeline.Time.GetUtcNow(), limited.Next!.Delay);
        Assert.Equal(("queued", "GitHub rate limit (403), retrying"), Status(await pipeline.GetStatusAsync(uid, token, requestId)));
        Assert.Null(await pipeline.DeliverNextAsync(outbox: outbox));

        github.On("POST", Dispatches, 204);
        await pipeline.SkipDelayAsync(limited.Next);
        Assert.Equal(DeliveryResult.Delivered, (await pipeline.DeliverNextAsync(outbox: outbox))!.Result);
        Assert.Equal([403, 204], github.CallsTo("POST", Dispatches).Select(c => c.Status));
    }

    [Fact]
    public async Task Deliver_ServerError_TriedAgainAfterASecond()
    {
        github.On("POST", Dispatches, 502, """{"message": "Server Error"}""");
        var (pipeline, outbox, uid, token, requestId) = await DispatchAsync();

        var first = await pipeline.DeliverNextAsync(outbox: outbox);
        github.On("POST", Dispatches, 204);
        await pipeline.SkipDelayAsync(first!.Next!);
        var second = await pipeline.DeliverNextAsync(outbox: outbox);

        Assert.Equal((DeliveryResult.Retrying, "GitHub answered 502"), (first.Result, first.Reason));
        Assert.Equal(TimeSpan.FromSeconds(1), first.Next!.Delay);
        Assert.Equal(DeliveryResult.Delivered, second!.Result);
        Assert.Equal("dispatched", (await pipeline.GetStatusAsync(uid, token, requestId))["status"]);
    }

    [Fact]
    public async Task Deliver_422_FailsAtOnceWithGitHubsReason()
    {
        github.On("POST", Dispatches, 422, """{"message": "Unexpected inputs provided: [\"callback_url\"]"}""");
        var (pipeline, outbox, uid, token, requestId) = await DispatchAsync();

        var outcome = await pipeline.DeliverNextAsync(outbox: outbox);

        Assert.Equal(DeliveryResult.Failed, outcome!.Result);
        Assert.Equal(
            ("failed", $"GitHub answered 422 to POST {Dispatches}: Unexpected inputs provided: [\"callback_url\"]"),
            Status(await pipeline.GetStatusAsync(uid, token, requestId)));
        Assert.Single(github.CallsTo("POST", Dispatches));
        Assert.Null(await pipeline.DeliverNextAsync(outbox: outbox));
    }

    [Fact]
    public async Task Deliver_NoGitHubCredentials_FailsSayingSo()
    {
        var (pipeline, outbox, uid, token, requestId) = await DispatchAsync(o => o.Token = null);

        var outcome = await pipeline.DeliverNextAsync(outbox: outbox);

        Assert.Equal(DeliveryResult.Failed, outcome!.Result);
        Assert.StartsWith("no GitHub credentials", (await pipeline.GetStatusAsync(uid, token, requestId))["reason"]);
        Assert.Empty(github.Calls);
    }

    [Fact]
    public void Target_RoundTripsThroughTheStackRowsJson()
    {
        DeployerTarget target = new GitHubActionsTarget("acme/deploys", "deploy.yml", "main");

        var json = JsonSerializer.Serialize(target, Core.CoreJsonContext.Default.DeployerTarget);

        Assert.Equal("""{"kind":"github-actions","repository":"acme/deploys","workflow":"deploy.yml","ref":"main"}""", json);
        Assert.Equal(target, JsonSerializer.Deserialize(json, Core.CoreJsonContext.Default.DeployerTarget));
        Assert.Equal("github-actions acme/deploys deploy.yml@main", target.Describe());
    }

    [Theory]
    [InlineData("acme/deploys", true)]
    [InlineData("a-b_c.d/e.f-g_1", true)]
    [InlineData("acme", false)]
    [InlineData("acme/deploys/x", false)]
    [InlineData("acme/..", false)]
    [InlineData("acme/de ploys", false)]
    [InlineData("acme/de%2Fploys", false)]
    public void IsRepository_OwnerSlashName(string value, bool valid) => Assert.Equal(valid, GitHubActionsTarget.IsRepository(value));

    public void Dispose()
    {
        clients.ForEach(c => c.Dispose());
        github.Dispose();
    }

    private static (string?, string?) Status(TestAnswer answer) => (answer["status"], answer["reason"]);

    /// <summary>
    /// A push dispatched to a stack whose deployer is the <c>github-actions</c> workflow acme/deploys deploy.yml@main: its
    /// job waits on the outbox; the outbox that can dispatch it.
    /// </summary>
    private async Task<(TestPipeline Pipeline, DeliveryOutbox Outbox, string Uid, string Token, string RequestId)> DispatchAsync(Action<GitHubOptions>? configure = null)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var client = new GitHubTestClient(github, pipeline.Time, configure);
        clients.Add(client);
        var deployers = new Deployers([new QueueDeployer(pipeline.Jobs), pipeline.Webhooks, new GitHubActionsDeployer(client.Client, client.Options)]);
        var handover = new JobHandover(pipeline.Stacks, pipeline.JobIndex, deployers, pipeline.Outbox, pipeline.Options, pipeline.Time, new CapturingLogger<JobHandover>());
        var processor = new RequestProcessor(pipeline.Stacks, pipeline.Requests, handover, pipeline.Time, pipeline.ProcessorLog);
        var outbox = new DeliveryOutbox(pipeline.Stacks, pipeline.Requests, deployers, pipeline.Outbox, pipeline.Options, pipeline.Time, pipeline.OutboxLog);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, deployer: new GitHubActionsTarget("acme/deploys", "deploy.yml", "main"));
        var accepted = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());
        var requestId = accepted["requestId"]!;
        var message = Assert.Single((await pipeline.RequestQueueClient.ReceiveMessagesAsync(maxMessages: 1)).Value);
        await processor.ProcessAsync(Core.Storage.RequestQueue.Deserialize(message.Body), CancellationToken.None);
        return (pipeline, outbox, uid, token, requestId);
    }
}
