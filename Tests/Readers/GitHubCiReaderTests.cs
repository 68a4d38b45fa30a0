using System.Text;
using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Redeploy.Tests.Hooks;
using Xunit;

namespace Redeploy.Tests.Readers;

public sealed class GitHubCiReaderTests
{
    private const string DeliveryId = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
    private const string Commit = "9f3c1a2b7e4d5c6b8a9f0e1d2c3b4a5968778695";

    public static TheoryData<string, string, string, bool, string, string[]> Finished => new()
    {
        // event, fixture, check name, succeeded, conclusion, branches
        { "workflow_run", "github-workflow-run-success.json", "Build", true, "success", ["main"] },
        { "workflow_run", "github-workflow-run-failure.json", "Build", false, "failure", ["main"] },
        { "check_suite", "github-check-suite-success.json", "github-actions", true, "success", ["main"] },
        { "check_suite", "github-check-suite-timed-out.json", "github-actions", false, "timed_out", ["main"] },
        { "status", "github-status-success.json", "ci/circleci", true, "success", ["main", "release"] },
        { "status", "github-status-error.json", "ci/circleci", false, "error", ["main"] },
    };

    [Theory]
    [MemberData(nameof(Finished))]
    public void Read_FinishedRun_GivesCheckAndOnePushPerBranchAtTheCommit(
        string @event, string fixture, string name, bool succeeded, string conclusion, string[] branches)
    {
        var delivery = Read(@event, HookRequests.Fixture("ci", fixture));

        Assert.Equal(DeliveryKind.CiResult, delivery.Kind);
        Assert.Equal((Sender.GitHub, DeliveryId, @event), (delivery.Sender, delivery.DeliveryId, delivery.Event));
        Assert.Equal(new CiCheck(name, succeeded, conclusion), delivery.Ci);
        Assert.Equal(branches, delivery.Pushes.Select(p => p.Branch));
        Assert.All(delivery.Pushes, push =>
        {
            Assert.Equal((Commit, null, false), (push.Commit, push.Tag, push.Deleted));
            Assert.Equal(["https://github.com/acme/shop"], push.RepositoryUrls);
        });
    }

    [Fact]
    public void Read_CiEventAndPushOfOneRepository_NameTheSameUrls()
    {
        var ci = Read("workflow_run", HookRequests.Fixture("ci", "github-workflow-run-success.json"));
        var push = Read("push", HookRequests.Fixture("github", "github-push-branch.json"));

        Assert.Equal(push.Pushes[0].RepositoryUrls, ci.Pushes[0].RepositoryUrls);
    }

    [Theory]
    [InlineData("workflow_run", "github-workflow-run-in-progress.json")]
    [InlineData("check_suite", "github-check-suite-requested.json")]
    [InlineData("status", "github-status-pending.json")]
    public void Read_UnfinishedRun_IgnoredAsNotFinished(string @event, string fixture)
    {
        var delivery = Read(@event, HookRequests.Fixture("ci", fixture));

        Assert.Equal((DeliveryKind.Ignored, "CI not finished"), (delivery.Kind, delivery.IgnoredReason));
        Assert.Empty(delivery.Pushes);
    }

    [Theory]
    [InlineData("workflow_run", "requested")]
    [InlineData("workflow_run", "in_progress")]
    [InlineData("check_suite", "rerequested")]
    public void Read_ActionOtherThanCompleted_IgnoredAsNotFinishedWhateverTheConclusion(string @event, string action)
    {
        var json = $$"""{"action": "{{action}}", "{{@event}}": {"conclusion": "success", "head_sha": "{{Commit}}", "head_branch": "main"} }""";

        Assert.Equal("CI not finished", Read(@event, json).IgnoredReason);
    }

    [Theory]
    [InlineData("workflow_run", "skipped")]
    [InlineData("workflow_run", "neutral")]
    [InlineData("check_suite", "action_required")]
    [InlineData("check_suite", "stale")]
    [InlineData("check_suite", "startup_failure")]
    public void Read_ConclusionNeitherSuccessNorFailure_IgnoredNamingIt(string @event, string conclusion)
    {
        var json = $$"""{"action": "completed", "{{@event}}": {"conclusion": "{{conclusion}}", "head_sha": "{{Commit}}", "head_branch": "main", "name": "Build"} }""";

        var delivery = Read(@event, json);

        Assert.Equal((DeliveryKind.Ignored, $"CI conclusion '{conclusion}' is neither success nor failure"), (delivery.Kind, delivery.IgnoredReason));
    }

    [Fact]
    public void Read_SkippedRunFixture_IgnoredNamingTheConclusion()
    {
        Assert.Equal("CI conclusion 'skipped' is neither success nor failure", Read("workflow_run", HookRequests.Fixture("ci", "github-workflow-run-skipped.json")).IgnoredReason);
    }

    [Fact]
    public void Read_StatusOfAnUnknownState_IgnoredNamingIt()
    {
        var json = $$"""{"sha": "{{Commit}}", "state": "waiting", "context": "ci"}""";

        Assert.Equal("CI conclusion 'waiting' is neither success nor failure", Read("status", json).IgnoredReason);
    }

    [Fact]
    public void Read_RunOfAForksCommit_Ignored()
    {
        var delivery = Read("workflow_run", HookRequests.Fixture("ci", "github-workflow-run-fork.json"));

        Assert.Equal((DeliveryKind.Ignored, "run of a fork's commit"), (delivery.Kind, delivery.IgnoredReason));
    }

    [Fact]
    public void Read_CheckSuiteWithoutBranch_IgnoredAsAForksCommit()
    {
        var delivery = Read("check_suite", HookRequests.Fixture("ci", "github-check-suite-fork.json"));

        Assert.Equal((DeliveryKind.Ignored, "check suite names no branch (a fork's commit)"), (delivery.Kind, delivery.IgnoredReason));
    }

    [Fact]
    public void Read_StatusOnACommitNoBranchPointsAt_GivesOnePushWithoutBranch()
    {
        var delivery = Read("status", HookRequests.Fixture("ci", "github-status-no-branches.json"));

        var push = Assert.Single(delivery.Pushes);
        Assert.Equal((null, Commit), (push.Branch, push.Commit));
        Assert.Equal(["https://github.com/acme/shop"], push.RepositoryUrls);
    }

    [Fact]
    public void Read_WorkflowRunWithEmptyName_TakesTheWorkflowsName()
    {
        var json = $$"""{"action": "completed", "workflow": {"name": "test"}, "workflow_run": {"name": "", "conclusion": "success", "head_sha": "{{Commit}}", "head_branch": "main"} }""";

        Assert.Equal("test", Read("workflow_run", json).Ci!.Name);
    }

    [Fact]
    public void Read_CheckSuiteAppWithoutSlug_TakesTheAppsName()
    {
        var json = $$"""{"action": "completed", "check_suite": {"app": {"name": "octocoders-linter"}, "conclusion": "success", "head_sha": "{{Commit}}", "head_branch": "main"} }""";

        Assert.Equal("octocoders-linter", Read("check_suite", json).Ci!.Name);
    }

    [Fact]
    public void Read_CiEventAsForm_ReadsPayloadField()
    {
        var form = HookRequests.AsForm(HookRequests.Fixture("ci", "github-workflow-run-success.json"));
        var request = HookRequests.Create(form, HookRequests.Form, "X-GitHub-Event: workflow_run", $"X-GitHub-Delivery: {DeliveryId}");

        Assert.Equal(DeliveryKind.CiResult, DeliveryReader.Read(request).Value.Kind);
    }

    [Theory]
    [InlineData("workflow_run", """{"action": "completed", "workflow_run": {"name": "B", "conclusion": "success", "head_branch": "main"}}""", "field 'workflow_run.head_sha': missing")]
    [InlineData("workflow_run", """{"action": "completed", "workflow_run": {"conclusion": "success", "head_sha": "abcdef1", "head_branch": "main"}}""", "field 'workflow_run.name': missing")]
    [InlineData("workflow_run", """{"action": "completed", "workflow_run": {"name": "B", "head_sha": "abcdef1", "head_branch": "main"}}""", "field 'workflow_run.conclusion': missing")]
    [InlineData("workflow_run", """{"action": "completed", "workflow_run": {"name": "B\u0007", "conclusion": "success", "head_sha": "abcdef1"}}""", "field 'workflow_run.name': check name with a control character")]
    [InlineData("workflow_run", """{"action": "requested", "workflow_run": {"head_sha": "zzzz"}}""", "field 'workflow_run.head_sha': expected a hex commit SHA")]
    [InlineData("workflow_run", """{"action": "completed", "workflow_run": {"head_branch": 7}}""", "field 'workflow_run.head_branch': expected a string, found a number")]
    [InlineData("workflow_run", """{"action": "completed", "workflow_run": []}""", "field 'workflow_run': expected an object, found an array")]
    [InlineData("check_suite", """{"action": "completed", "check_suite": {"conclusion": "success", "head_sha": "abcdef1", "head_branch": "main", "app": "x"}}""", "field 'check_suite.app': expected an object, found a string")]
    [InlineData("check_suite", """{"action": "completed", "check_suite": {"conclusion": "success", "head_sha": "abcdef1", "head_branch": "main"}}""", "field 'check_suite.app.slug': missing")]
    [InlineData("status", """{"state": "success", "context": "ci", "branches": [{"name": "main"}]}""", "field 'sha': missing")]
    [InlineData("status", """{"state": "success", "sha": "abcdef1", "branches": [{"name": "main"}]}""", "field 'context': missing")]
    [InlineData("status", """{"state": "success", "sha": "abcdef1", "context": "ci", "branches": ["main"]}""", "field 'branches[]': expected an object, found a string")]
    [InlineData("status", """{"state": 1}""", "field 'state': expected a string, found a number")]
    [InlineData("status", """[]""", "the body must be a JSON object")]
    public void Read_MalformedCiEvent_MalformedNamingTheField(string @event, string json, string detail)
    {
        var request = HookRequests.Create(json, HookRequests.Json, $"X-GitHub-Event: {@event}");

        ReaderHarness.AssertMalformed(DeliveryReader.Read(request), detail);
    }

    [Fact]
    public void Read_CheckNameOverTheLimit_Malformed()
    {
        var json = $$"""{"state": "success", "sha": "{{Commit}}", "context": "{{new string('c', CiEvents.MaxCheckNameLength + 1)}}"}""";

        ReaderHarness.AssertMalformed(DeliveryReader.Read(HookRequests.Create(json, HookRequests.Json, "X-GitHub-Event: status")), "check name longer than 255 characters");
    }

    [Fact]
    public void Read_StatusNamingMoreBranchesThanPushesAllowed_Malformed()
    {
        var branches = string.Join(",", Enumerable.Range(0, PayloadLimits.MaxPushes + 1).Select(i => $$"""{"name": "b{{i}}"}"""));
        var json = $$"""{"state": "success", "sha": "{{Commit}}", "context": "ci", "branches": [{{branches}}]}""";

        ReaderHarness.AssertMalformed(DeliveryReader.Read(HookRequests.Create(json, HookRequests.Json, "X-GitHub-Event: status")), "more than 100 pushes");
    }

    private static Delivery Read(string @event, string json) => Read(@event, Encoding.UTF8.GetBytes(json));

    private static Delivery Read(string @event, byte[] body)
    {
        var request = HookRequests.Create(body, HookRequests.Json, $"X-GitHub-Event: {@event}", $"X-GitHub-Delivery: {DeliveryId}");
        var outcome = DeliveryReader.Read(request);
        Assert.True(outcome.Succeeded, outcome.Failure?.Detail);
        return outcome.Value;
    }
}
