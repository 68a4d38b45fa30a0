using Azure.Storage.Queues.Models;
using Redeploy.Core.GitHub;
using Redeploy.Core.Hooks;
using Redeploy.Core.Storage;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.GitHub;

/// <summary>
/// CONTRACT §8's <c>deployment</c> events on the hook, over Azurite and a fake GitHub: which ones deploy, and that the
/// GitHub deployment that asked receives the statuses while none is created for its repository.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class GitHubDeploymentEventTests(AzuriteFixture azurite) : IDisposable
{
    private const long RequestedId = 145988746;
    private const string Statuses = "/repos/acme/shop/deployments/145988746/statuses";
    private readonly FakeGitHub github = new();

    [Fact]
    public async Task DeploymentEvent_DeploysAtItsCommit_StatusesOnThatDeployment_NoneCreated()
    {
        github.On("POST", Statuses, 201, """{"id": 1}""");
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, github);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, environment: "production");

        var answer = await PostDeploymentAsync(pipeline, uid, token, DeploymentEvent("production"));
        await ProcessAsync(pipeline);
        Assert.Equal(1, await pipeline.UpdateAllAsync());
        var job = Assert.Single(await pipeline.Requests.PeekJobsAsync());
        await pipeline.PostReportAsync(job.CallbackUrl!, """{"state":"succeeded","environmentUrl":"https://shop.example"}""");
        Assert.Equal(1, await pipeline.UpdateAllAsync());

        Assert.Equal((202, "queued"), (answer.Status, answer["status"]));
        var requestId = answer["requestId"]!;
        var record = (await pipeline.Requests.Requests.GetAsync(uid, requestId, CancellationToken.None))!;
        Assert.Equal(["web@" + Payloads.Commit, "worker@" + Payloads.Commit], record.Services!.Select(s => $"{s.Name}@{s.Commit}"));
        Assert.Empty(github.CallsTo("POST", "/repos/acme/shop/deployments"));
        Assert.Empty(github.CallsTo("GET", "/repos/acme/shop/deployments"));
        Assert.Equal(
            ["""{"state":"queued"}""", """{"state":"success","environment_url":"https://shop.example"}"""],
            github.CallsTo("POST", Statuses).Select(c => c.CompactBody));
        var target = Assert.Single((await pipeline.Deployments.GetAsync(uid, requestId, CancellationToken.None))!.Targets);
        Assert.Equal(("acme/shop", RequestedId, "success", "web,worker"), (target.Repository, target.DeploymentId, target.State, string.Join(',', target.Services)));
    }

    [Fact]
    public async Task DeploymentEvent_EnvironmentDiffersOnlyInCase_Deploys()
    {
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, github);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, environment: "production");

        var answer = await PostDeploymentAsync(pipeline, uid, token, DeploymentEvent("Production"));

        Assert.Equal(202, answer.Status);
    }

    [Theory]
    [InlineData(true, "staging", false, "deployment environment 'staging' is not the stack's environment 'production'")]
    [InlineData(true, "production", true, GitHubDeploymentRequests.CreatedByRedeploy)]
    [InlineData(false, "production", false, GitHubDeploymentRequests.ContinuousDeployOff)]
    public async Task DeploymentEvent_NotARequest_IgnoredQueuesNothing(bool continuousDeploy, string environment, bool byRedeploy, string reason)
    {
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, github);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, continuousDeploy, "production");

        var answer = await PostDeploymentAsync(pipeline, uid, token, DeploymentEvent(environment, byRedeploy));

        Assert.Equal((200, "ignored", reason), (answer.Status, answer["status"], answer["reason"]));
        Assert.Equal(0, await pipeline.Requests.RequestMessageCountAsync());
    }

    [Fact]
    public async Task DeploymentEvent_DefaultEnvironmentIsTheStackName()
    {
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, github);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);

        var answer = await PostDeploymentAsync(pipeline, uid, token, DeploymentEvent("shop"));

        Assert.Equal(202, answer.Status);
        var message = RequestQueue.Deserialize((await pipeline.Requests.RequestQueueClient.PeekMessageAsync()).Value.Body);
        Assert.Equal(RequestedId, message.GitHubDeploymentId);
        var push = Assert.Single(message.Pushes);
        Assert.Equal(("main", Payloads.Commit), (push.Branch, push.Commit));
    }

    [Fact]
    public async Task DeploymentStatusEvent_Ignored()
    {
        using var pipeline = await GitHubPipeline.CreateAsync(azurite.ConnectionString, github);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);

        var answer = await pipeline.Requests.PostAsync(uid, token, DeploymentEvent("shop"), headers: Payloads.GitHubHeaders("deployment_status"));

        Assert.Equal((200, "ignored"), (answer.Status, answer["status"]));
        Assert.Equal(0, await pipeline.Requests.RequestMessageCountAsync());
    }

    [Fact]
    public void WithRequestedDeployment_MergesTheRepositorysTargetsIntoThatOne_KeepsOthers()
    {
        IReadOnlyList<GitHubDeploymentTarget> planned =
        [
            new("acme/shop", Payloads.Commit, ["web"]),
            new("acme/api", "develop", ["api"]),
            new("acme/shop", "main", ["worker"]),
        ];

        var targets = GitHubDeploymentPlan.WithRequestedDeployment(planned, new GitHubRepository("acme", "shop"), Payloads.Commit, 9);

        Assert.Equal(
            ["acme/shop@" + Payloads.Commit + " web,worker #9", "acme/api@develop api #"],
            targets.Select(t => $"{t.Repository}@{t.Ref} {string.Join(',', t.Services)} #{t.DeploymentId}"));
        var only = Assert.Single(GitHubDeploymentPlan.WithRequestedDeployment([], new GitHubRepository("acme", "shop"), "main", 9));
        Assert.Equal(("acme/shop", "main", 9L, 0), (only.Repository, only.Ref, only.DeploymentId, only.Services.Count));
    }

    public void Dispose() => github.Dispose();

    private static string DeploymentEvent(string environment, bool byRedeploy = false) => $$"""
        {
          "action": "created",
          "deployment": {
            "id": {{RequestedId}},
            "sha": "{{Payloads.Commit}}",
            "ref": "main",
            "task": "deploy",
            "payload": {{(byRedeploy ? """{"redeploy": {"requestId": "x"}}""" : "{}")}},
            "environment": "{{environment}}"
          },
          "repository": {"full_name": "acme/shop", "html_url": "https://github.com/acme/shop", "clone_url": "https://github.com/acme/shop.git"}
        }
        """;

    private static Task<TestAnswer> PostDeploymentAsync(GitHubPipeline pipeline, string uid, string token, string body) =>
        pipeline.Requests.PostAsync(uid, token, body, headers: Payloads.GitHubHeaders("deployment"));

    private static async Task ProcessAsync(GitHubPipeline pipeline)
    {
        QueueMessage[] messages = await pipeline.Requests.RequestQueueClient.ReceiveMessagesAsync(maxMessages: 32);
        foreach (var message in messages)
        {
            await pipeline.Processor.ProcessAsync(RequestQueue.Deserialize(message.Body), CancellationToken.None);
            await pipeline.Requests.RequestQueueClient.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }
}
