using Redeploy.Core.Security;

namespace Redeploy.Tests.Integration;

/// <summary>The delivery log (CONTRACT §11) through its HTTP functions against Azurite: the JSON list and the page's answers.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeliveryLogTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task GetRequests_PushesThatDeployedAndSkipped_ListsTheirStatusObjectsNewestFirst()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());
        pipeline.Time.Advance(TimeSpan.FromMinutes(1));
        await pipeline.PostAsync(uid, token, Payloads.GitHubPush(branch: "feature/x"), headers: Payloads.GitHubHeaders());
        await pipeline.ProcessQueuedAsync();
        pipeline.Time.Advance(TimeSpan.FromMinutes(1));
        await pipeline.PostAsync(uid, token, body: null);

        var answer = await pipeline.GetRequestsAsync(uid, token);

        Assert.Equal(200, answer.Status);
        Assert.Equal("application/json; charset=utf-8", answer.ContentType);
        Assert.Equal("shop", answer["stack"]);
        var requests = answer.Json.GetProperty("requests").EnumerateArray().ToList();
        Assert.Equal(["queued", "skipped", "dispatched"], requests.Select(r => r.GetProperty("status").GetString()));
        Assert.Contains("feature/x", requests[1].GetProperty("reason").GetString());
        Assert.Equal(["web", "worker"], requests[2].GetProperty("services").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(Payloads.Commit, requests[2].GetProperty("services")[0].GetProperty("commit").GetString());
        // Each entry is the request's status object, exactly as its status URL answers it.
        var status = await pipeline.GetStatusAsync(uid, token, requests[2].GetProperty("requestId").GetString()!);
        Assert.Equal(status.Json.GetRawText(), requests[2].GetRawText());
    }

    [Fact]
    public async Task GetRequests_Limit_ReturnsThatManyNewestFirst()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await pipeline.PostAsync(uid, token, body: null))["requestId"]!);
            pipeline.Time.Advance(TimeSpan.FromSeconds(10));
        }

        var answer = await pipeline.GetRequestsAsync(uid, token, "limit=2");

        Assert.Equal([ids[3], ids[2]], answer.Json.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("requestId").GetString()));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("limit=ten")]
    [InlineData("limit=-1")]
    [InlineData("limit=")]
    [InlineData("limit=2&limit=3")]
    [InlineData("limit=0050")]
    public async Task GetRequests_BadLimit_Answers400ProblemJson(string query)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);

        var answer = await pipeline.GetRequestsAsync(uid, token, query);

        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json; charset=utf-8", answer.ContentType);
        Assert.Contains("from 1 to 200", answer["detail"]);
    }

    [Fact]
    public async Task GetRequestsAndPage_UnknownStackOrWrongToken_AnswerTheHooks404BeforeReadingTheQuery()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, _) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var hook404 = await pipeline.PostAsync(HookToken.NewStackUid(), HookToken.New(), body: null);

        var answers = new[]
        {
            await pipeline.GetRequestsAsync(uid, HookToken.New(), "limit=ten"),
            await pipeline.GetRequestsAsync(HookToken.NewStackUid(), HookToken.New()),
            await pipeline.GetPageAsync(uid, HookToken.New(), "text/html"),
            await pipeline.GetPageAsync("not-a-uid", "not-a-token", "text/html"),
        };

        Assert.All(answers, a => Assert.Equal((404, hook404.ContentType, hook404.Body), (a.Status, a.ContentType, a.Body)));
    }

    [Fact]
    public async Task GetPage_BrowserAccept_AnswersTheHtmlPageWithItsHeaders()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());

        var answer = await pipeline.GetPageAsync(uid, token, "text/html,application/xhtml+xml,*/*;q=0.8");

        Assert.Equal(200, answer.Status);
        Assert.Equal("text/html; charset=utf-8", answer.ContentType);
        Assert.Equal("no-store", answer.Headers["Cache-Control"]);
        Assert.Equal("no-referrer", answer.Headers["Referrer-Policy"]);
        Assert.Equal("nosniff", answer.Headers["X-Content-Type-Options"]);
        Assert.StartsWith("default-src 'none'", answer.Headers["Content-Security-Policy"]);
        Assert.Contains("github.com/acme/shop", answer.Body);
        Assert.Contains("<meta http-equiv=\"refresh\"", answer.Body); // queued: not final yet
        Assert.DoesNotContain(token, answer.Body);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    [InlineData("application/json")]
    public async Task GetPage_WithoutTextHtml_KeepsTheHooksAnswerToAGet(string? accept)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);

        var known = await pipeline.GetPageAsync(uid, token, accept);
        var unknown = await pipeline.GetPageAsync(HookToken.NewStackUid(), HookToken.New(), accept);

        Assert.Equal(405, known.Status);
        Assert.Equal("POST", known.Headers["Allow"]);
        Assert.Equal("application/problem+json; charset=utf-8", known.ContentType);
        // Nothing is looked up: a real hook and an unknown one answer alike.
        Assert.Equal((known.Status, known.Body), (unknown.Status, unknown.Body));
    }
}
