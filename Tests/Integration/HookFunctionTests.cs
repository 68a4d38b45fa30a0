using System.Text;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Integration;

/// <summary>Every answer of CONTRACT §3, through the HTTP function against Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HookFunctionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Post_GitHubPush_Answers202AndQueuesOneCompactMessage()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);

        var answer = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());

        Assert.Equal(202, answer.Status);
        Assert.Equal("queued", answer["status"]);
        var requestId = answer["requestId"]!;
        Assert.Equal($"http://hooks.test/stacks/redeploy/{uid}/{token}/requests/{requestId}", answer["statusUrl"]);
        Assert.Equal(answer["statusUrl"], answer.Headers["Location"]);
        Assert.Equal(1, await pipeline.RequestMessageCountAsync());
        var record = await pipeline.Requests.GetAsync(uid, requestId, CancellationToken.None);
        Assert.Equal(RequestStatus.Queued, record!.Status);
        Assert.Equal(requestId, RequestQueue.Deserialize(record.Message!).RequestId);
    }

    [Fact]
    public async Task Post_Always_WritesTheRequestMessageAsBase64()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);

        await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders());

        // A client without Base64 decoding sees the raw text on the queue, which is what the Functions trigger decodes.
        var raw = new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, pipeline.Options.RequestQueue);
        var peeked = (await raw.PeekMessagesAsync(1)).Value.Single();
        var text = peeked.Body.ToString();
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(text));
        Assert.Contains($"\"stack\":\"{uid}\"", json);
        Assert.Contains(Payloads.Commit, json);
        Assert.DoesNotContain("head_commit", json);
        Assert.True(text.Length < 2048, $"message of {text.Length} characters");
    }

    [Fact]
    public async Task Post_UnknownStackOrWrongToken_AnswersTheSame404()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var otherToken = new string('a', 32);

        var wrongToken = await pipeline.PostAsync(uid, otherToken);
        var unknownStack = await pipeline.PostAsync(new string('b', 32), token);
        var malformed = await pipeline.PostAsync("not-a-uid", "not-a-token");

        Assert.Equal(404, wrongToken.Status);
        Assert.Equal("application/problem+json; charset=utf-8", wrongToken.ContentType);
        Assert.Equal(wrongToken.Body, unknownStack.Body);
        Assert.Equal(wrongToken.Body, malformed.Body);
        Assert.DoesNotContain(token, wrongToken.Body + unknownStack.Body);
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }

    [Fact]
    public async Task Post_GitHubPing_Answers200IgnoredPing()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);

        var answer = await pipeline.PostAsync(uid, token, """{"zen":"Keep it logically awesome.","hook_id":1}""", headers: Payloads.GitHubHeaders("ping"));

        Assert.Equal(200, answer.Status);
        Assert.Equal("ignored", answer["status"]);
        Assert.Equal("ping", answer["reason"]);
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }

    [Fact]
    public async Task Post_EventThatIsNotAPush_Answers200IgnoredWithTheEventName()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);

        var answer = await pipeline.PostAsync(uid, token, """{"action":"opened","issue":{"number":1}}""", headers: Payloads.GitHubHeaders("issues"));

        Assert.Equal(200, answer.Status);
        Assert.Equal("ignored", answer["status"]);
        Assert.Contains("issues", answer["reason"]);
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }

    [Theory]
    [InlineData(true, "deleted")]
    [InlineData(false, "tag")]
    public async Task Post_BranchDeletedOrTagPush_Answers200Ignored(bool deleteBranch, string reasonWord)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var body = deleteBranch ? Payloads.GitHubPush(deleted: true) : Payloads.GitHubTagPush();

        var answer = await pipeline.PostAsync(uid, token, body, headers: Payloads.GitHubHeaders());

        Assert.Equal(200, answer.Status);
        Assert.Equal("ignored", answer["status"]);
        Assert.Contains(reasonWord, answer["reason"]);
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }

    [Fact]
    public async Task Post_SameDeliveryIdTwice_AnswersDuplicateWithTheFirstRequestId()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var headers = Payloads.GitHubHeaders(delivery: "72d3162e-cc78-11e3-81ab-4c9367dc0958");

        var first = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: headers);
        var second = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: headers);

        Assert.Equal(202, first.Status);
        Assert.Equal(200, second.Status);
        Assert.Equal("duplicate", second["status"]);
        Assert.Equal(first["requestId"], second["requestId"]);
        Assert.Equal(1, await pipeline.RequestMessageCountAsync());
    }

    [Fact]
    public async Task Post_SameDeliveryIdConcurrently_MakesOneRequestAndOneJob()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var headers = Payloads.GitHubHeaders(delivery: "concurrent-delivery");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: headers)));
        // A duplicate that finds the row not yet marked sends the message too (docs/decisions.md): at least one message.
        Assert.InRange(await pipeline.RequestMessageCountAsync(), 1, 8);
        await pipeline.ProcessQueuedAsync();

        Assert.Single(answers, a => a.Status == 202);
        Assert.All(answers.Where(a => a.Status != 202), a => Assert.Equal("duplicate", a["status"]));
        Assert.Single(answers.Select(a => a["requestId"]).Distinct());
        Assert.Single(await pipeline.PeekJobsAsync());
    }

    [Theory]
    [InlineData(null, "must be signed")]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000", "does not match")]
    public async Task Post_SignatureMissingOrWrongWhereStackHasSecret_Answers401(string? signature, string detail)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, secret: "s3cr3t-value");
        var headers = Payloads.GitHubHeaders();
        if (signature is not null)
        {
            headers["X-Hub-Signature-256"] = signature;
        }

        var answer = await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: headers);

        Assert.Equal(401, answer.Status);
        Assert.Contains(detail, answer["detail"]);
        Assert.DoesNotContain("s3cr3t-value", answer.Body);
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }

    [Fact]
    public async Task Post_UnsignedGitHubPingWhereStackHasSecret_Answers401()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, secret: "s3cr3t-value");

        var answer = await pipeline.PostAsync(uid, token, """{"zen":"Design for failure.","hook_id":1}""", headers: Payloads.GitHubHeaders("ping"));

        Assert.Equal(401, answer.Status);
    }

    [Fact]
    public async Task Post_ValidSignature_IsAccepted()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, secret: "s3cr3t-value");
        var body = Payloads.GitHubPush();
        var headers = Payloads.GitHubHeaders();
        headers["X-Hub-Signature-256"] = Payloads.Sign("s3cr3t-value", body);

        var answer = await pipeline.PostAsync(uid, token, body, headers: headers);

        Assert.Equal(202, answer.Status);
    }

    [Theory]
    [InlineData("{\"ref\": \"refs/heads/main\", \"after\": ", "application/json")]
    [InlineData("{\"ref\": 42}", "application/json")]
    [InlineData("branch=main", "application/x-www-form-urlencoded")]
    public async Task Post_MalformedBody_Answers400SayingWhatIsWrong(string body, string contentType)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);

        var answer = await pipeline.PostAsync(uid, token, body, contentType, Payloads.GitHubHeaders());

        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json; charset=utf-8", answer.ContentType);
        Assert.False(string.IsNullOrWhiteSpace(answer["detail"]));
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }

    [Theory]
    [InlineData(false, 401)]
    [InlineData(true, 400)]
    public async Task Post_MalformedBodyWhereStackHasSecret_TellsOnlyASignedSenderWhatIsWrong(bool signed, int expected)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, secret: "s3cr3t-value");
        const string body = "{\"ref\": 42}";
        var headers = Payloads.GitHubHeaders();
        if (signed)
        {
            headers["X-Hub-Signature-256"] = Payloads.Sign("s3cr3t-value", body);
        }

        var answer = await pipeline.PostAsync(uid, token, body, headers: headers);

        Assert.Equal(expected, answer.Status);
        Assert.Equal(signed, answer.Body.Contains("ref"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Post_BodyOverTheLimit_Answers413(bool sendContentLength)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, o => o.MaxPayloadBytes = 2048);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var body = $"{{\"repository\": \"https://github.com/acme/shop\", \"padding\": \"{new string('x', 4096)}\"}}";

        var answer = await pipeline.PostAsync(uid, token, body, sendContentLength: sendContentLength);

        Assert.Equal(413, answer.Status);
        Assert.Contains("2048", answer["detail"]);
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }

    [Fact]
    public async Task Post_ContentTypeNeitherJsonNorForm_Answers415()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);

        var answer = await pipeline.PostAsync(uid, token, "<push/>", "application/xml");

        Assert.Equal(415, answer.Status);
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }

    [Fact]
    public async Task Post_UnknownServicesInModifier_Answers422ListingThem()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);

        var answer = await pipeline.PostAsync(uid, token, query: "services=web,nope&services=%20also-nope%20");

        Assert.Equal(422, answer.Status);
        var names = answer.Json.GetProperty("names").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Equal(["nope", "also-nope"], names);
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }

    [Theory]
    [InlineData("services=web")]
    [InlineData("services=")]
    public async Task Post_ServicesModifierOnClassicStack_Answers422(string query)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Blog);

        var answer = await pipeline.PostAsync(uid, token, query: query);

        Assert.Equal(422, answer.Status);
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }

    [Fact]
    public async Task Post_EmptyCurlPost_IsAccepted()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);

        var answer = await pipeline.PostAsync(uid, token, body: null, contentType: null);

        Assert.Equal(202, answer.Status);
    }

    [Fact]
    public async Task Post_AnyOutcome_NoLogLineOrErrorAnswerHoldsTheTokenOrSecret()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        const string secret = "s3cr3t-value";
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, secret);
        var signed = Payloads.GitHubHeaders();
        signed["X-Hub-Signature-256"] = Payloads.Sign(secret, Payloads.GitHubPush());
        var wrongSignature = Payloads.GitHubHeaders();
        wrongSignature["X-Hub-Signature-256"] = Payloads.Sign("not-the-secret", Payloads.GitHubPush());

        var answers = new List<TestAnswer>
        {
            await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: signed),
            await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: wrongSignature),
            await pipeline.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders()),
            await pipeline.PostAsync(uid, new string('e', 32), Payloads.GitHubPush(), headers: signed),
            await pipeline.PostAsync(uid, token, "{not json", headers: signed),
            await pipeline.PostAsync(uid, token, query: "services=nope", headers: signed),
        };
        await pipeline.ProcessQueuedAsync();

        var logged = string.Join('\n', pipeline.IntakeLog.Lines.Concat(pipeline.ProcessorLog.Lines));
        Assert.NotEmpty(pipeline.IntakeLog.Lines);
        Assert.DoesNotContain(token, logged);
        Assert.DoesNotContain(secret, logged);
        Assert.All(answers.Where(a => a.Status >= 400), a => Assert.DoesNotContain(token, a.Body));
        Assert.All(answers, a => Assert.DoesNotContain(secret, a.Body));
    }
}
