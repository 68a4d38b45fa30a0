using System.Text;
using Redeploy.Tests.Hooks;

namespace Redeploy.Tests.Integration;

/// <summary>
/// Every sender's CI event through the intake against Azurite: authenticated with that sender's push rules, read without
/// error, and on a stack that deploys on push answered <c>200 ignored</c> with nothing queued (the stack on CI:
/// <see cref="CiEndToEndTests"/>).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CiEventIntakeTests(AzuriteFixture azurite)
{
    internal const string Secret = "s3cr3t-value";

    public static TheoryData<string, string> CiEvents => new()
    {
        { "github-workflow-run-success.json", "X-GitHub-Event: workflow_run" },
        { "github-workflow-run-in-progress.json", "X-GitHub-Event: workflow_run" },
        { "github-check-suite-timed-out.json", "X-GitHub-Event: check_suite" },
        { "github-status-success.json", "X-GitHub-Event: status" },
        { "gitlab-pipeline-failed.json", "X-Gitlab-Event: Pipeline Hook" },
        { "gitlab-pipeline-merge-request.json", "X-Gitlab-Event: Pipeline Hook" },
        { "bitbucket-cloud-commit-status-successful.json", "X-Event-Key: repo:commit_status_updated" },
        { "bitbucket-cloud-commit-status-inprogress.json", "X-Event-Key: repo:commit_status_created" },
        { "azure-devops-build-complete-succeeded.json", "" },
        { "azure-devops-build-complete-no-repository.json", "" },
    };

    [Theory]
    [MemberData(nameof(CiEvents))]
    public async Task Post_CiEvent_Answers200IgnoredAndQueuesNothing(string fixture, string eventHeader)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);

        var answer = await pipeline.PostAsync(uid, token, Body(fixture), headers: Headers(eventHeader));

        Assert.Equal(200, answer.Status);
        Assert.Equal("ignored", answer["status"]);
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }

    [Theory]
    [MemberData(nameof(CiEvents))]
    public async Task Post_UnsignedCiEventWhereStackHasSecret_Answers401(string fixture, string eventHeader)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, Secret);

        var answer = await pipeline.PostAsync(uid, token, Body(fixture), headers: Headers(eventHeader));

        Assert.Equal(401, answer.Status);
        Assert.DoesNotContain(Secret, answer.Body);
    }

    [Theory]
    [MemberData(nameof(CiEvents))]
    public async Task Post_CiEventSignedAsItsSenderSignsPushes_Answers200(string fixture, string eventHeader)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, Secret);
        var body = Body(fixture);
        var headers = Headers(eventHeader);
        Sign(headers, body);

        var answer = await pipeline.PostAsync(uid, token, body, headers: headers);

        Assert.Equal(200, answer.Status);
        Assert.Equal("ignored", answer["status"]);
    }

    [Fact]
    public async Task Post_MalformedCiEvent_Answers400NamingTheField()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop);
        const string body = """{"action": "completed", "workflow_run": {"name": "Build", "conclusion": "success", "head_sha": "not-a-sha"}}""";

        var answer = await pipeline.PostAsync(uid, token, body, headers: Headers("X-GitHub-Event: workflow_run"));

        Assert.Equal(400, answer.Status);
        Assert.Contains("workflow_run.head_sha", answer["detail"]);
        Assert.Equal(0, await pipeline.RequestMessageCountAsync());
    }

    internal static string Body(string fixture) => Encoding.UTF8.GetString(HookRequests.Fixture("ci", fixture));

    internal static Dictionary<string, string> Headers(string eventHeader)
    {
        var headers = new Dictionary<string, string> { ["X-Request-UUID"] = Guid.NewGuid().ToString(), ["X-GitHub-Delivery"] = Guid.NewGuid().ToString() };
        if (eventHeader.Length > 0)
        {
            var colon = eventHeader.IndexOf(':');
            headers[eventHeader[..colon]] = eventHeader[(colon + 1)..].Trim();
        }

        if (headers.ContainsKey("X-Event-Key"))
        {
            headers["X-Hook-UUID"] = "8b2b8b5e-3c1d-4f0e-9d8c-1b2a3c4d5e6f";
        }

        return headers;
    }

    /// <summary>Adds the credential each sender sends with a push (CONTRACT §2): the same rules hold for its CI events.</summary>
    internal static void Sign(Dictionary<string, string> headers, string body)
    {
        if (headers.ContainsKey("X-GitHub-Event"))
        {
            headers["X-Hub-Signature-256"] = Payloads.Sign(Secret, body);
        }
        else if (headers.ContainsKey("X-Event-Key"))
        {
            headers["X-Hub-Signature"] = Payloads.Sign(Secret, body);
        }
        else if (headers.ContainsKey("X-Gitlab-Event"))
        {
            headers["X-Gitlab-Token"] = Secret;
        }
        else
        {
            headers["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("azure:" + Secret));
        }
    }
}
