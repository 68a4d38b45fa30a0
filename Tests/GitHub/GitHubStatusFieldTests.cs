using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Redeploy.Core.Intake;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.GitHub;

/// <summary>CONTRACT §8: the status JSON's <c>github</c> field, at the status URL and in <c>GET {hook url}/requests</c>.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class GitHubStatusFieldTests(AzuriteFixture azurite) : IDisposable
{
    private const string Deployments = "/repos/acme/shop/deployments";
    private readonly FakeGitHub github = new();

    [Fact]
    public async Task Status_AfterQueuedPosted_ShowsTheDeploymentAndItsState()
    {
        github.On("POST", Deployments, 201, """{"id": 101}""");
        github.On("POST", Deployments + "/101/statuses", 201, """{"id": 1}""");
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, github);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var requestId = await pipeline.PushAsync(uid, token);
        var before = await StatusAsync(pipeline, uid, token, requestId);
        await pipeline.UpdateAllAsync();

        var status = await StatusAsync(pipeline, uid, token, requestId);
        var listed = await ListAsync(pipeline, uid, token);

        Assert.False(before.TryGetProperty("github", out _));
        Assert.Equal("""[{"repository":"acme/shop","deploymentId":101,"state":"queued"}]""", status.GetProperty("github").GetRawText());
        Assert.Equal(status.GetProperty("github").GetRawText(), Assert.Single(listed).GetProperty("github").GetRawText());
    }

    [Fact]
    public async Task Status_GitHubRefused_ShowsTheError()
    {
        github.On("POST", Deployments, 422, """{"message": "No ref found"}""");
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, github);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var requestId = await pipeline.PushAsync(uid, token);
        await pipeline.UpdateAllAsync();

        var status = await StatusAsync(pipeline, uid, token, requestId);

        Assert.Equal(
            """[{"repository":"acme/shop","deploymentId":null,"state":null,"error":"GitHub answered 422 to POST /repos/acme/shop/deployments: No ref found"}]""",
            status.GetProperty("github").GetRawText());
    }

    [Fact]
    public async Task List_RequestsWithAndWithoutGitHubDeployments_FieldOnlyWhereThereIsOne()
    {
        github.On("POST", Deployments, 201, """{"id": 101}""");
        github.On("POST", Deployments + "/101/statuses", 201, """{"id": 1}""");
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, github);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var tracked = await pipeline.PushAsync(uid, token);
        await pipeline.UpdateAllAsync();
        var manual = await pipeline.Requests.PostAsync(uid, token);

        var listed = await ListAsync(pipeline, uid, token);

        Assert.Equal(2, listed.Count);
        Assert.True(listed.Single(r => r.GetProperty("requestId").GetString() == tracked).TryGetProperty("github", out _));
        Assert.False(listed.Single(r => r.GetProperty("requestId").GetString() == manual["requestId"]).TryGetProperty("github", out _));
    }

    public void Dispose() => github.Dispose();

    private static HookIntake Intake(GitHubPipeline pipeline) => new(
        pipeline.Requests.Stacks, pipeline.Requests.Requests, pipeline.Requests.RequestQueue, pipeline.Requests.Options, pipeline.Requests.Time,
        NullLogger<HookIntake>.Instance, githubDeployments: pipeline.Deployments);

    private static async Task<JsonElement> StatusAsync(GitHubPipeline pipeline, string uid, string token, string requestId)
    {
        var answer = await Intake(pipeline).StatusAsync(uid, token, requestId, CancellationToken.None);
        Assert.Equal(200, answer.Status);
        return JsonDocument.Parse(answer.Body).RootElement;
    }

    private static async Task<IReadOnlyList<JsonElement>> ListAsync(GitHubPipeline pipeline, string uid, string token)
    {
        var log = new DeliveryLog(Intake(pipeline), pipeline.Requests.Requests, pipeline.Requests.Time, NullLogger<DeliveryLog>.Instance, pipeline.Deployments);
        var answer = await log.ListAsync(uid, token, [], CancellationToken.None);
        Assert.Equal(200, answer.Status);
        return JsonDocument.Parse(answer.Body).RootElement.GetProperty("requests").EnumerateArray().ToList();
    }
}
