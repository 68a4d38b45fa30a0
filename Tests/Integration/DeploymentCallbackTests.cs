using System.Text.Json;
using Azure.Storage.Queues.Models;
using Redeploy.Core.Deployments;
using Redeploy.Core.Storage;
using Redeploy.Functions;

namespace Redeploy.Tests.Integration;

/// <summary>CONTRACT §7's reports: the callback URL and the deployment-events queue, on Azurite, for a queue deployer's job.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeploymentCallbackTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("started", "started", 200, "duplicate", "deploying")]
    [InlineData("started", "succeeded", 202, "succeeded", "succeeded")]
    [InlineData("started", "failed", 202, "failed", "failed")]
    [InlineData("started", "cancelled", 202, "cancelled", "cancelled")]
    [InlineData("succeeded", "started", 409, null, "succeeded")]
    [InlineData("succeeded", "succeeded", 200, "duplicate", "succeeded")]
    [InlineData("succeeded", "failed", 409, null, "succeeded")]
    [InlineData("succeeded", "cancelled", 409, null, "succeeded")]
    [InlineData("failed", "started", 409, null, "failed")]
    [InlineData("failed", "succeeded", 409, null, "failed")]
    [InlineData("failed", "failed", 200, "duplicate", "failed")]
    [InlineData("failed", "cancelled", 409, null, "failed")]
    [InlineData("cancelled", "started", 409, null, "cancelled")]
    [InlineData("cancelled", "succeeded", 409, null, "cancelled")]
    [InlineData("cancelled", "failed", 409, null, "cancelled")]
    [InlineData("cancelled", "cancelled", 200, "duplicate", "cancelled")]
    public async Task Report_TwoStatesInEveryOrder_AnswersAndEndsAsTheLifecycleSays(string first, string second, int answer, string? word, string final)
    {
        var (pipeline, uid, token, job) = await DispatchAsync();
        var firstAnswer = await pipeline.PostReportAsync(job.CallbackUrl!, Report(first));
        Assert.Equal((202, first == "started" ? "deploying" : first), (firstAnswer.Status, firstAnswer["status"]));

        var secondAnswer = await pipeline.PostReportAsync(job.CallbackUrl!, Report(second));

        Assert.Equal(answer, secondAnswer.Status);
        Assert.Equal(word, secondAnswer.Status == 409 ? null : secondAnswer["status"]);
        if (answer == 409)
        {
            Assert.StartsWith("application/problem+json", secondAnswer.ContentType);
        }
        else
        {
            Assert.Equal(job.JobId, secondAnswer["requestId"]);
        }

        Assert.Equal(final, (await pipeline.GetStatusAsync(uid, token, job.JobId))["status"]);
    }

    [Fact]
    public async Task Report_StartedWithLogThenSucceededWithEnvironment_StatusShowsBothLinksAndWhenItChanged()
    {
        var (pipeline, uid, token, job) = await DispatchAsync();
        var dispatched = await pipeline.GetStatusAsync(uid, token, job.JobId);

        await pipeline.PostReportAsync(job.CallbackUrl!, """{"state":"started","logUrl":"https://ci.example/runs/7"}""");
        await pipeline.PostReportAsync(job.CallbackUrl!, """{"state":"succeeded","description":"v42 is live","environmentUrl":"https://shop.example"}""");

        var status = await pipeline.GetStatusAsync(uid, token, job.JobId);
        Assert.Equal("succeeded", status["status"]);
        Assert.Equal("https://ci.example/runs/7", status["logUrl"]);
        Assert.Equal("https://shop.example", status["environmentUrl"]);
        Assert.Equal(JsonValueKind.Null, status.Json.GetProperty("reason").ValueKind);
        Assert.True(status.Json.GetProperty("updatedAt").GetDateTimeOffset() >= dispatched.Json.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.True(dispatched.Json.GetProperty("updatedAt").GetDateTimeOffset() >= dispatched.Json.GetProperty("receivedAt").GetDateTimeOffset());
        Assert.False(dispatched.Json.TryGetProperty("logUrl", out _));
    }

    [Fact]
    public async Task Report_FailedWithDescription_ReadsFailedWithTheDeployersReason()
    {
        var (pipeline, uid, token, job) = await DispatchAsync();

        await pipeline.PostReportAsync(job.CallbackUrl!, """{"state":"failed","description":"image build failed: no space left on device"}""");

        var status = await pipeline.GetStatusAsync(uid, token, job.JobId);
        Assert.Equal(("failed", "image build failed: no space left on device"), (status["status"], status["reason"]));
    }

    [Fact]
    public async Task Report_UnknownJobAndWrongToken_AnswerTheSame404()
    {
        var (pipeline, _, _, job) = await DispatchAsync();
        var baseUrl = job.CallbackUrl![..job.CallbackUrl!.IndexOf("/deployments/", StringComparison.Ordinal)];
        var wrongToken = $"{baseUrl}/deployments/{job.JobId}/{new string('0', 32)}/events";
        var unknownJob = $"{baseUrl}/deployments/{new string('a', 32)}/{new string('0', 32)}/events";
        var malformed = $"{baseUrl}/deployments/x/y/events";

        var answers = new[]
        {
            await pipeline.PostReportAsync(wrongToken, Report("started")),
            await pipeline.PostReportAsync(unknownJob, Report("started")),
            await pipeline.PostReportAsync(malformed, Report("started")),
        };

        Assert.All(answers, a => Assert.Equal((404, answers[0].ContentType, answers[0].Body), (a.Status, a.ContentType, a.Body)));
        Assert.StartsWith("application/problem+json", answers[0].ContentType);
        Assert.DoesNotContain(new Uri(job.CallbackUrl).Segments[3].TrimEnd('/'), answers[0].Body);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"state":"deployed"}""")]
    [InlineData("""{"state":"started","logUrl":"javascript:alert(1)"}""")]
    public async Task Report_BadBody_Is400AndChangesNothing(string body)
    {
        var (pipeline, uid, token, job) = await DispatchAsync();

        var answer = await pipeline.PostReportAsync(job.CallbackUrl!, body);

        Assert.Equal(400, answer.Status);
        Assert.StartsWith("application/problem+json", answer.ContentType);
        Assert.Equal("dispatched", (await pipeline.GetStatusAsync(uid, token, job.JobId))["status"]);
    }

    [Fact]
    public async Task Report_BodyOverTheLimit_Is413()
    {
        var (pipeline, _, _, job) = await DispatchAsync(o => o.MaxPayloadBytes = 1024);

        var answer = await pipeline.PostReportAsync(job.CallbackUrl!, $$"""{"state":"started","description":"{{new string('x', 2000)}}"}""");

        Assert.Equal(413, answer.Status);
    }

    [Fact]
    public async Task EventQueue_ReportWithJobId_AppliesLikeTheCallback()
    {
        var (pipeline, uid, token, job) = await DispatchAsync();
        var function = new DeploymentEventFunction(pipeline.Events, new CapturingLogger<DeploymentEventFunction>());

        await function.RunAsync(Message($$"""{"jobId":"{{job.JobId}}","state":"succeeded","environmentUrl":"https://shop.example"}"""), CancellationToken.None);

        var status = await pipeline.GetStatusAsync(uid, token, job.JobId);
        Assert.Equal(("succeeded", "https://shop.example"), (status["status"], status["environmentUrl"]));
    }

    [Fact]
    public async Task EventQueue_UnknownJobOrNotAllowed_IsLoggedAndDroppedWithoutChange()
    {
        var (pipeline, uid, token, job) = await DispatchAsync();
        var log = new CapturingLogger<DeploymentEventFunction>();
        var function = new DeploymentEventFunction(pipeline.Events, log);
        await pipeline.PostReportAsync(job.CallbackUrl!, Report("failed"));

        await function.RunAsync(Message($$"""{"jobId":"{{new string('b', 32)}}","state":"started"}"""), CancellationToken.None);
        await function.RunAsync(Message($$"""{"jobId":"{{job.JobId}}","state":"succeeded"}"""), CancellationToken.None);

        Assert.Contains(log.Lines, l => l.Contains("names no known job"));
        Assert.Equal("failed", (await pipeline.GetStatusAsync(uid, token, job.JobId))["status"]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"state":"started"}""")]
    public async Task EventQueue_NotAReport_ThrowsSoTheHostPoisonsIt(string body)
    {
        var (pipeline, _, _, _) = await DispatchAsync();
        var function = new DeploymentEventFunction(pipeline.Events, new CapturingLogger<DeploymentEventFunction>());

        await Assert.ThrowsAsync<FormatException>(() => function.RunAsync(Message(body), CancellationToken.None));
    }

    [Fact]
    public async Task Job_FromTheQueueDeployer_CarriesRequestIdAndACallbackUrlWhoseTokenIsStoredOnlyAsAHash()
    {
        var (pipeline, _, _, job) = await DispatchAsync();

        Assert.Equal(job.JobId, job.RequestId);
        var segments = new Uri(job.CallbackUrl!).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["deployments", job.JobId, segments[2], "events"], segments);
        Assert.Matches("^[0-9a-f]{32}$", segments[2]);
        var entry = await pipeline.JobIndex.FindAsync(job.JobId, CancellationToken.None);
        Assert.Equal([Redeploy.Core.Security.HookToken.Hash(segments[2])], entry!.TokenHashes);
    }

    private async Task<(TestPipeline Pipeline, string Uid, string Token, DeploymentJob Job)> DispatchAsync(Action<Redeploy.Core.RedeployOptions>? configure = null)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, configure);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        await pipeline.PostAsync(uid, token, body: null, contentType: null);
        await pipeline.ProcessQueuedAsync();
        return (pipeline, uid, token, Assert.Single(await pipeline.PeekJobsAsync()));
    }

    private static string Report(string state) => $$"""{"state":"{{state}}"}""";

    private static QueueMessage Message(string body) =>
        QueuesModelFactory.QueueMessage("m1", "p1", BinaryData.FromString(body), dequeueCount: 1);
}
