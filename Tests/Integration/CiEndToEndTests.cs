using System.Text.Json.Nodes;
using Redeploy.Core.Intake;
using Redeploy.Core.Matching;
using Redeploy.Core.Stacks;

namespace Redeploy.Tests.Integration;

/// <summary>
/// Every sender's CI event end to end (CONTRACT §9) through the real HTTP function on Azurite, signed as that sender signs
/// its pushes, on a stack that deploys on CI: the push waits, the success deploys it under the push's request id, a failure
/// skips it. The stack tracks each sender's repository on <c>main</c> with one service, so a job names exactly one.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CiEndToEndTests(AzuriteFixture azurite)
{
    private static readonly Stack Hosts = new(
        "hosts",
        StackKind.Docker,
        [
            new Service("github-web", new GitSource("https://github.com/acme/shop.git", "main")),
            new Service("gitlab-web", new GitSource("https://gitlab.acme.test/acme/shop.git", "main")),
            new Service("bitbucket-web", new GitSource("https://bitbucket.org/acme/shop", "main")),
            new Service("azure-web", new GitSource("https://dev.azure.com/acme/Shop/_git/shop", "main")),
            new Service("github-staging", new GitSource("https://github.com/acme/shop.git", "develop")),
            new Service("redis", Image: "redis:7"),
        ]);

    private const string GitHubCommit = "9f3c1a2b7e4d5c6b8a9f0e1d2c3b4a5968778695";
    private const string BitbucketCommit = "bdf6fac0519ffd1562461eb82e018ff62efffbc9";
    private const string FeatureCommit = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";

    /// <summary>Sender's push, its event header, the CI success and failure for the same commit, their event header, the service and commit deployed.</summary>
    public static TheoryData<string, string, string, string, string, string, string> Senders => new()
    {
        { "github-push-main.json", "X-GitHub-Event: push", "github-workflow-run-success.json", "github-workflow-run-failure.json", "X-GitHub-Event: workflow_run", "github-web", GitHubCommit },
        { "github-push-main.json", "X-GitHub-Event: push", "github-check-suite-success.json", "github-check-suite-timed-out.json", "X-GitHub-Event: check_suite", "github-web", GitHubCommit },
        { "github-push-main.json", "X-GitHub-Event: push", "github-status-success.json", "github-status-error.json", "X-GitHub-Event: status", "github-web", GitHubCommit },
        { "gitlab-push-main.json", "X-Gitlab-Event: Push Hook", "gitlab-pipeline-success.json", "gitlab-pipeline-failed.json", "X-Gitlab-Event: Pipeline Hook", "gitlab-web", "1cabf86e6a687e684926538f9e605454e0b64fab" },
        { "bitbucket-cloud-push-main.json", "X-Event-Key: repo:push", "bitbucket-cloud-commit-status-successful.json", "bitbucket-cloud-commit-status-failed.json", "X-Event-Key: repo:commit_status_updated", "bitbucket-web", BitbucketCommit },
        { "azure-devops-git-push-main.json", "", "azure-devops-build-complete-succeeded.json", "azure-devops-build-complete-failed.json", "", "azure-web", "6e12f6141917f66a2964af55952ee33914d2d91f" },
    };

    [Theory]
    [MemberData(nameof(Senders))]
    public async Task PushThenCiSuccess_WaitsThenDispatchesOneJobThePushsStatusUrlShows(
        string push, string pushEvent, string success, string failure, string ciEvent, string service, string commit)
    {
        _ = failure;
        var (pipeline, uid, token) = await CreateAsync();

        var pushed = await PostAsync(pipeline, uid, token, push, pushEvent);
        await pipeline.ProcessQueuedAsync();
        var waiting = await pipeline.GetStatusAsync(uid, token, pushed["requestId"]!);

        Assert.Equal(202, pushed.Status);
        Assert.Equal(RequestIds.ForCommit(uid, commit), pushed["requestId"]);
        Assert.Equal(("waiting", $"waiting for CI on {commit[..7]}"), (waiting["status"], waiting["reason"]));
        Assert.Empty(await pipeline.PeekJobsAsync());

        var passed = await PostAsync(pipeline, uid, token, success, ciEvent);
        await pipeline.ProcessQueuedAsync();

        Assert.Equal(202, passed.Status);
        Assert.Equal((pushed["requestId"], pushed["statusUrl"]), (passed["requestId"], passed["statusUrl"]));
        var job = Assert.Single(await pipeline.PeekJobsAsync());
        Assert.Equal([new ServiceDeployment(service, commit)], job.Services);
        Assert.Equal(pushed["requestId"], job.JobId);
        var status = await pipeline.GetStatusAsync(uid, token, pushed["requestId"]!);
        Assert.Equal("dispatched", status["status"]);
    }

    [Theory]
    [MemberData(nameof(Senders))]
    public async Task PushThenCiFailure_IsSkippedNamingTheFailureAndDeploysNothing(
        string push, string pushEvent, string success, string failure, string ciEvent, string service, string commit)
    {
        _ = (success, service);
        var (pipeline, uid, token) = await CreateAsync();
        var pushed = await PostAsync(pipeline, uid, token, push, pushEvent);
        await pipeline.ProcessQueuedAsync();

        var failed = await PostAsync(pipeline, uid, token, failure, ciEvent);
        await pipeline.ProcessQueuedAsync();

        Assert.Equal(202, failed.Status);
        Assert.Equal(RequestIds.ForCommit(uid, commit), failed["requestId"]);
        var status = await pipeline.GetStatusAsync(uid, token, pushed["requestId"]!);
        Assert.Equal("skipped", status["status"]);
        Assert.StartsWith("CI failed: ", status["reason"]);
        Assert.Empty(await pipeline.PeekJobsAsync());
    }

    /// <summary>A success naming no branch, for a commit no push announced: recorded, and the commit waits for a push naming its branch.</summary>
    [Theory]
    [InlineData("github-status-no-branches.json", "X-GitHub-Event: status", "github-push-main.json", "X-GitHub-Event: push", "github-web", GitHubCommit)]
    [InlineData("bitbucket-cloud-commit-status-link-only.json", "X-Event-Key: repo:commit_status_updated", "bitbucket-cloud-push-main.json", "X-Event-Key: repo:push", "bitbucket-web", BitbucketCommit)]
    public async Task BranchlessSuccessWithoutPush_WaitsForAPushNamingABranch_ThenDeploysOnlyThatBranch(
        string success, string ciEvent, string push, string pushEvent, string service, string commit)
    {
        var (pipeline, uid, token) = await CreateAsync();

        var passed = await PostAsync(pipeline, uid, token, success, ciEvent);
        await pipeline.ProcessQueuedAsync();
        var waiting = await pipeline.GetStatusAsync(uid, token, passed["requestId"]!);

        Assert.Equal(202, passed.Status);
        Assert.Equal(("waiting", $"waiting for a push naming a branch of {commit[..7]}"), (waiting["status"], waiting["reason"]));
        Assert.Empty(await pipeline.PeekJobsAsync());

        var pushed = await PostAsync(pipeline, uid, token, push, pushEvent);
        await pipeline.ProcessQueuedAsync();

        Assert.Equal((202, passed["requestId"]), (pushed.Status, pushed["requestId"]));
        Assert.Equal([new ServiceDeployment(service, commit)], Assert.Single(await pipeline.PeekJobsAsync()).Services);
        Assert.Equal("dispatched", (await pipeline.GetStatusAsync(uid, token, passed["requestId"]!))["status"]);
    }

    /// <summary>
    /// Two CI events of one commit arriving at once, neither finding the row: one makes it, the other finds it made, and
    /// each delivery's message is queued once (not once by the submission and again by the CI path).
    /// </summary>
    [Fact]
    public async Task CiEventsRacingOnANewCommit_QueueOneMessagePerDeliveryAndDeployOnce()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(Hosts with { Deploy = DeployRule.OnCi("Build", "github-actions") });

        var answers = await Task.WhenAll(
            PostAsync(pipeline, uid, token, "github-workflow-run-success.json", "X-GitHub-Event: workflow_run"),
            PostAsync(pipeline, uid, token, "github-check-suite-success.json", "X-GitHub-Event: check_suite"));

        Assert.All(answers, answer => Assert.Equal(202, answer.Status));
        Assert.Equal(2, await pipeline.RequestMessageCountAsync());
        Assert.Equal(2, await pipeline.ProcessQueuedAsync());
        Assert.Single(await pipeline.PeekJobsAsync());
    }

    [Fact]
    public async Task CiEventOnTheRowOfAPush_QueuesItsMessageOnce()
    {
        var (pipeline, uid, token) = await CreateAsync();
        await PostAsync(pipeline, uid, token, "github-push-main.json", "X-GitHub-Event: push");

        var passed = await PostAsync(pipeline, uid, token, "github-workflow-run-success.json", "X-GitHub-Event: workflow_run");

        Assert.Equal(202, passed.Status);
        Assert.Equal(2, await pipeline.RequestMessageCountAsync());
    }

    private async Task<(TestPipeline Pipeline, string Uid, string Token)> CreateAsync()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(Hosts with { Deploy = DeployRule.OnCi() }, CiEventIntakeTests.Secret);
        return (pipeline, uid, token);
    }

    [Fact]
    public async Task PushNamingTwoBranches_QueuesOneRequestPerCommitEachDecidedOnItsOwn()
    {
        var (pipeline, uid, token) = await CreateAsync();
        // Bitbucket Cloud names every branch of a push in one delivery: main (tracked) and a feature branch (not).
        var push = JsonNode.Parse(CiEventIntakeTests.Body("bitbucket-cloud-push-main.json"))!;
        var changes = push["push"]!["changes"]!.AsArray();
        var feature = changes[0]!.DeepClone();
        feature["new"]!["name"] = "feature/two";
        feature["new"]!["target"]!["hash"] = FeatureCommit;
        changes.Add(feature);
        var body = push.ToJsonString();
        var headers = CiEventIntakeTests.Headers("X-Event-Key: repo:push");
        CiEventIntakeTests.Sign(headers, body);

        var pushed = await pipeline.PostAsync(uid, token, body, headers: headers);
        await pipeline.ProcessQueuedAsync();

        Assert.Equal(202, pushed.Status);
        Assert.Equal(RequestIds.ForCommit(uid, BitbucketCommit), pushed["requestId"]);
        Assert.Equal("waiting", (await pipeline.GetStatusAsync(uid, token, RequestIds.ForCommit(uid, BitbucketCommit)))["status"]);
        Assert.Equal("skipped", (await pipeline.GetStatusAsync(uid, token, RequestIds.ForCommit(uid, FeatureCommit)))["status"]);
        Assert.Empty(await pipeline.PeekJobsAsync());
    }

    private static Task<TestAnswer> PostAsync(TestPipeline pipeline, string uid, string token, string fixture, string eventHeader)
    {
        var body = CiEventIntakeTests.Body(fixture);
        var headers = CiEventIntakeTests.Headers(eventHeader);
        CiEventIntakeTests.Sign(headers, body);
        return pipeline.PostAsync(uid, token, body, headers: headers);
    }
}
