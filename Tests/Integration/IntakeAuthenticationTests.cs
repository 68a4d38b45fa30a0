using System.Text;
using Redeploy.Core.Hooks;
using Redeploy.Core.Intake;
using Redeploy.Core.Security;

namespace Redeploy.Tests.Integration;

/// <summary>
/// Authenticate before parsing, the body's own time limit and the memory budget, through the intake against Azurite:
/// what a caller that knows a hook URL but not the stack's secret can make the intake do.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class IntakeAuthenticationTests(AzuriteFixture azurite)
{
    private const string Secret = "s3cr3t-value";

    [Theory]
    [InlineData("X-GitHub-Event: push")]
    [InlineData("X-GitHub-Event: push|X-Hub-Signature-256: sha256=not-hex")]
    [InlineData("X-Gitlab-Event: Push Hook|X-Gitlab-Token: wrong")]
    [InlineData("X-Event-Key: repo:push")]
    [InlineData("Authorization: Basic dXNlcjp3cm9uZw==")]
    [InlineData("")]
    public async Task Accept_CredentialTheHeadersRefuse_Answers401WithoutReadingTheBody(string headers)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, Secret);
        var body = new WatchedStream(Encoding.UTF8.GetBytes(Payloads.GitHubPush()));

        var answer = await pipeline.Intake.AcceptAsync(Call(uid, token, body, headers), CancellationToken.None);

        Assert.Equal(401, answer.Status);
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task Accept_UnsignedBitbucketServerPingWhereStackHasSecret_AnswersPing()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, Secret);

        var answer = await pipeline.PostAsync(uid, token, """{"test":true}""", headers: new Dictionary<string, string> { ["X-Event-Key"] = "diagnostics:ping" });

        Assert.Equal(200, answer.Status);
        Assert.Equal("ping", answer["reason"]);
    }

    [Fact]
    public async Task Accept_UnsignedBitbucketServerPushWhereStackHasSecret_Answers401()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, Secret);

        var answer = await pipeline.PostAsync(uid, token, """{"changes":[]}""", headers: new Dictionary<string, string> { ["X-Event-Key"] = "repo:refs_changed" });

        Assert.Equal(401, answer.Status);
    }

    [Theory]
    [InlineData("Authorization", "Basic dXNlcjpzM2NyM3QtdmFsdWU=")]
    [InlineData("X-Redeploy-Secret", Secret)]
    public async Task Accept_AzureDevOpsWithTheRightPasswordAndAMalformedBody_Answers400(string header, string value)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, Secret);

        var answer = await pipeline.PostAsync(uid, token, """{"eventType": "git.push", "publisherId": "tfs", "resource": [""", headers: new Dictionary<string, string> { [header] = value });

        Assert.Equal(400, answer.Status);
        Assert.Contains("malformed JSON", answer["detail"]);
    }

    [Fact]
    public async Task Accept_AzureDevOpsWithAWrongPasswordAndAMalformedBody_Answers401()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, Secret);

        var answer = await pipeline.PostAsync(uid, token, """{"eventType": """, headers: new Dictionary<string, string> { ["Authorization"] = "Basic dXNlcjp3cm9uZw==" });

        Assert.Equal(401, answer.Status);
        Assert.DoesNotContain("JSON", answer.Body);
    }

    [Theory]
    [InlineData("repository=https://github.com/acme/shop")]
    [InlineData("branch=main")]
    [InlineData("commit=9f3c1a2b")]
    public async Task Accept_SignedGenericCallWithGitInformationInTheQuery_Answers400(string query)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, Secret);
        const string body = """{"commit":"9f3c1a2b"}""";

        var answer = await pipeline.PostAsync(uid, token, body, headers: StandardWebhooksHeaders(pipeline, body), query: "?" + query);

        Assert.Equal(400, answer.Status);
        Assert.Contains("signed body", answer["detail"]);
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }

    [Fact]
    public async Task Accept_SignedGenericCallWithServicesInTheQuery_IsAccepted()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, Secret);
        const string body = """{"repository":"https://github.com/acme/shop","branch":"main","commit":"9f3c1a2b"}""";

        var answer = await pipeline.PostAsync(uid, token, body, headers: StandardWebhooksHeaders(pipeline, body), query: "?services=web");

        Assert.Equal(202, answer.Status);
    }

    [Fact]
    public async Task Accept_GenericCallWithGitInformationInTheQueryWithoutSecret_IsAccepted()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);

        var answer = await pipeline.PostAsync(uid, token, query: "?repository=https://github.com/acme/shop&branch=main");

        Assert.Equal(202, answer.Status);
    }

    [Fact]
    public async Task Accept_BodyThatStallsPastTheReadTimeout_Answers408AndQueuesNothing()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var body = new StallingStream(Encoding.UTF8.GetBytes("{\"branch\":"));

        var answering = pipeline.Intake.AcceptAsync(Call(uid, token, body, "", contentLength: 100), CancellationToken.None);
        await body.Stalled.WaitAsync(TimeSpan.FromSeconds(30));
        pipeline.Time.Advance(pipeline.Options.BodyReadTimeout);
        var answer = await answering.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(408, answer.Status);
        Assert.Equal("application/problem+json; charset=utf-8", answer.ContentType);
        Assert.Contains("Redeploy:BodyReadTimeout", Encoding.UTF8.GetString(answer.Body.Span));
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }

    [Fact]
    public async Task Accept_LargeBodyPastTheMemoryBudget_Answers503BeforeReadingItWhileSmallBodiesGetThrough()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, o => o.MaxBufferedBytes = 3 * BodyBudget.SmallBody);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var stalled = new StallingStream([(byte)'{']);
        var holding = pipeline.Intake.AcceptAsync(Call(uid, token, stalled, "", contentLength: 2 * BodyBudget.SmallBody), CancellationToken.None);
        await stalled.Stalled.WaitAsync(TimeSpan.FromSeconds(30));
        var large = new WatchedStream(new byte[2 * BodyBudget.SmallBody]);

        var refused = await pipeline.Intake.AcceptAsync(Call(uid, token, large, "", contentLength: large.Length), CancellationToken.None);
        var small = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());

        Assert.Equal(503, refused.Status);
        Assert.Equal("5", refused.Headers["Retry-After"]);
        Assert.Contains("Redeploy:MaxBufferedBytes", Encoding.UTF8.GetString(refused.Body.Span));
        Assert.Equal(0, large.BytesRead);
        Assert.Equal(202, small.Status);
        pipeline.Time.Advance(pipeline.Options.BodyReadTimeout);
        Assert.Equal(408, (await holding.WaitAsync(TimeSpan.FromSeconds(30))).Status);
    }

    private static Dictionary<string, string> StandardWebhooksHeaders(TestPipeline pipeline, string body)
    {
        var now = pipeline.Time.GetUtcNow();
        return new Dictionary<string, string>
        {
            [StandardWebhooks.IdHeader] = "msg_1",
            [StandardWebhooks.TimestampHeader] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            [StandardWebhooks.SignatureHeader] = StandardWebhooks.Sign("msg_1", now, Encoding.UTF8.GetBytes(body), Secret),
        };
    }

    private static HookCall Call(string uid, string token, Stream body, string headers, long? contentLength = null)
    {
        var pairs = headers.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(h => KeyValuePair.Create(h[..h.IndexOf(':')].Trim(), h[(h.IndexOf(':') + 1)..].Trim()))
            .Append(KeyValuePair.Create("Content-Type", "application/json"));
        return new HookCall(uid, token, new HookHeaders(pairs), HookRequest.NoQuery, body, contentLength ?? (body.CanSeek ? body.Length : null));
    }
}
