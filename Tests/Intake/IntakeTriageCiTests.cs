using Redeploy.Core.Hooks;
using Redeploy.Core.Intake;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;
using Redeploy.Tests.Integration;
using Xunit;
using static Redeploy.Tests.Intake.TriageCases;

namespace Redeploy.Tests.Intake;

/// <summary>The intake's decisions on CI results and on pushes to a stack that deploys on CI (CONTRACT §9), without storage.</summary>
public sealed class IntakeTriageCiTests
{
    private const string Other = "77aa001b4d5e6f708192a3b4c5d6e7f801234567";

    [Theory]
    [InlineData("CI on a stack that deploys on push", 200, "stack deploys on push")]
    [InlineData("CI of a check not counted", 200, "check lint is not counted: the stack waits for build, e2e")]
    [InlineData("CI on a tag", 200, "CI on a tag: tags are not deployed")]
    [InlineData("CI naming no commit", 200, "the CI event names no commit")]
    [InlineData("CI with unknown services", 422, "nope")]
    [InlineData("CI naming too many pushes", 400, "too many pushes (40)")]
    [InlineData("push with unknown services", 422, "nope")]
    [InlineData("counted CI success", 202, "gate 1")]
    [InlineData("counted CI failure", 202, "gate 1")]
    [InlineData("CI on a stack without checks", 202, "gate 1")]
    [InlineData("branchless CI success", 202, "gate 1")]
    [InlineData("CI naming two commits", 202, "gate 2")]
    [InlineData("CI naming one commit twice, in two cases", 202, "gate 1")]
    [InlineData("push naming a commit", 202, "gate 1")]
    [InlineData("generic call naming a commit", 202, "gate 1")]
    [InlineData("generic call naming no commit", 202, "queue")]
    [InlineData("deleted branch", 200, "branch main deleted")]
    public void Decide_CiCase_GivesItsAnswer(string name, int status, string detail)
    {
        var (stack, delivery, query) = Case(name);

        var (actualStatus, actualDetail) = Answer(IntakeTriage.Decide(stack, delivery, query, Now, NewId));

        Assert.Equal(status, actualStatus);
        Assert.Contains(detail, actualDetail);
    }

    [Fact]
    public void Decide_CountedCiResult_GatesTheCommitsRequestWithTheCheck()
    {
        var stack = Stack(DeployRule.OnCi("build", "e2e"));
        var delivery = Ci(new CiCheck("e2e", false, "timed_out"), MainPush);

        var gate = Assert.IsType<GateDelivery>(IntakeTriage.Decide(stack, delivery, Query(("services", "web")), Now, NewId));

        Assert.Equal(new CiMessage("e2e", false, "timed_out"), gate.Ci);
        var commit = Assert.Single(gate.Commits);
        var record = commit.Record;
        Assert.Equal(
            (Commit, RequestIds.ForCommit(stack.Uid, Commit), stack.Uid, "shop", RequestStatus.Queued, Now, "GitHub", "run-1", "main@9f3c1a2", NewId),
            (commit.Commit, commit.RequestId, record.StackUid, record.StackName, record.Status, record.ReceivedAt, record.Sender, record.DeliveryId, record.Summary, record.Submission));
        Assert.Equal(new PushRecord("https://github.com/acme/shop", "main", Commit), Assert.Single(record.Pushes!));
        var message = RequestQueue.Deserialize(commit.Message);
        Assert.Equal(
            (RequestMessage.GatedVersion, commit.RequestId, stack.Uid, false, "run-1", NewId, "GitHub", (DateTimeOffset?)Now),
            (message.Version, message.RequestId, message.StackUid, message.Wait, message.DeliveryId, message.Submission, message.Sender, message.ReceivedAt));
        Assert.Equal(gate.Ci, message.Ci);
        Assert.Equal(new[] { "web" }, message.Services!);
        Assert.Equal(("main", Commit), (Assert.Single(message.Pushes).Branch, message.Pushes[0].Commit));
    }

    [Fact]
    public void Decide_PushOnCiStack_GatesACommitThatWaits()
    {
        var stack = Stack(DeployRule.OnCi());

        var gate = Assert.IsType<GateDelivery>(IntakeTriage.Decide(stack, Delivery.Pushed(Sender.GitHub, "push-1", "push", [MainPush]), Query(), Now, NewId));

        Assert.Null(gate.Ci);
        var message = RequestQueue.Deserialize(Assert.Single(gate.Commits).Message);
        Assert.Equal((true, (CiMessage?)null, RequestIds.ForCommit(stack.Uid, Commit)), (message.Wait, message.Ci, message.RequestId));
    }

    [Fact]
    public void Decide_GenericCallNamingACommit_IsTheSuccessOfCiAsAWhole()
    {
        var delivery = Delivery.Pushed(Sender.Generic, null, null, [new Push([], "main", null, Commit)]);

        var gate = Assert.IsType<GateDelivery>(IntakeTriage.Decide(Stack(DeployRule.OnCi("build")), delivery, Query(), Now, NewId));

        Assert.Equal(new CiMessage(null, true, null), gate.Ci);
        var message = RequestQueue.Deserialize(Assert.Single(gate.Commits).Message);
        Assert.Equal((false, new CiMessage(null, true, null), "Generic"), (message.Wait, message.Ci, message.Sender));
    }

    [Fact]
    public void Decide_CiNamingSeveralCommits_GatesOneRequestPerCommitEachItsOwnSubmission()
    {
        var stack = Stack(DeployRule.OnCi());
        var delivery = Ci(
            new CiCheck("build", true, "success"),
            MainPush, MainPush with { Branch = "develop", Commit = Other }, MainPush with { Branch = "release", Commit = Commit.ToUpperInvariant() });

        var gate = Assert.IsType<GateDelivery>(IntakeTriage.Decide(stack, delivery, Query(), Now, NewId));

        Assert.Equal(
            new[] { (Commit, RequestIds.ForCommit(stack.Uid, Commit), "main@9f3c1a2, release@9F3C1A2"), (Other, RequestIds.ForCommit(stack.Uid, Other), "develop@77aa001") },
            gate.Commits.Select(c => (c.Commit, c.RequestId, c.Record.Summary!)).ToArray());
        var submissions = gate.Commits.Select(c => c.Record.Submission).ToList();
        Assert.Equal(submissions, gate.Commits.Select(c => RequestQueue.Deserialize(c.Message).Submission).ToList());
        Assert.Equal(NewId, submissions[0]);
        Assert.True(RequestIds.IsWellFormed(submissions[1]) && submissions[1] != NewId, submissions[1]);
        Assert.Equal(2, RequestQueue.Deserialize(gate.Commits[0].Message).Pushes.Count);
    }

    [Fact]
    public void Decide_BranchlessCiResult_GatesTheCommitWithoutABranch()
    {
        var stack = Stack(DeployRule.OnCi());

        var gate = Assert.IsType<GateDelivery>(IntakeTriage.Decide(stack, Ci(new CiCheck("ci/build", true, "success"), MainPush with { Branch = null }), Query(), Now, NewId));

        var commit = Assert.Single(gate.Commits);
        Assert.Equal(("any branch@9f3c1a2", (string?)null), (commit.Record.Summary, RequestQueue.Deserialize(commit.Message).Pushes[0].Branch));
    }

    private static (StoredStack Stack, Delivery Delivery, IReadOnlyDictionary<string, IReadOnlyList<string>> Query) Case(string name)
    {
        var checks = Stack(DeployRule.OnCi("build", "e2e"));
        var build = new CiCheck("build", true, "success");
        return name switch
        {
            "CI on a stack that deploys on push" => (Stack(DeployRule.OnPush), Ci(build, MainPush), Query()),
            "CI of a check not counted" => (checks, Ci(new CiCheck("lint", true, "success"), MainPush), Query()),
            "CI on a tag" => (checks, Ci(build, MainPush with { Branch = null, Tag = "v1.0" }), Query()),
            "CI naming no commit" => (checks, Ci(build, MainPush with { Commit = null }), Query()),
            "CI with unknown services" => (checks, Ci(build, MainPush), Query(("services", "web,nope"))),
            "CI naming too many pushes" => (checks, Ci(build, Enumerable.Range(0, 40).Select(i => MainPush with { RepositoryUrls = [$"https://github.com/acme/{new string('r', 900)}{i}"] }).ToArray()), Query()),
            "push with unknown services" => (checks, Delivery.Pushed(Sender.GitHub, "p", "push", [MainPush]), Query(("services", "nope"))),
            "counted CI success" => (checks, Ci(build, MainPush), Query()),
            "counted CI failure" => (checks, Ci(new CiCheck("e2e", false, "failure"), MainPush), Query()),
            "CI on a stack without checks" => (Stack(DeployRule.OnCi()), Ci(new CiCheck("anything", true, "success"), MainPush), Query()),
            "branchless CI success" => (checks, Ci(build, MainPush with { Branch = null }), Query()),
            "CI naming two commits" => (checks, Ci(build, MainPush, MainPush with { Branch = "develop", Commit = Other }), Query()),
            "CI naming one commit twice, in two cases" => (checks, Ci(build, MainPush, MainPush with { Branch = "release", Commit = Commit.ToUpperInvariant() }), Query()),
            "push naming a commit" => (checks, Delivery.Pushed(Sender.GitHub, "p", "push", [MainPush]), Query()),
            "generic call naming a commit" => (checks, Delivery.Pushed(Sender.Generic, null, null, [new Push([], "main", null, Commit)]), Query()),
            "generic call naming no commit" => (checks, Delivery.Pushed(Sender.Generic, null, null, [new Push([], "main", null, null)]), Query()),
            "deleted branch" => (checks, Delivery.Pushed(Sender.GitHub, "p", "push", [MainPush with { Commit = null, Deleted = true }]), Query()),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
        };
    }

    private static Delivery Ci(CiCheck check, params Push[] pushes) => Delivery.CiFinished(Sender.GitHub, "run-1", "workflow_run", check, pushes);

    private static StoredStack Stack(DeployRule rule) =>
        new(new string('a', 32), SampleStacks.Shop with { Deploy = rule }, [], null, new Dictionary<string, string>());
}
