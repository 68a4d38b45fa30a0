using Redeploy.Core.Intake;
using Redeploy.Core.Processing;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Processing;

/// <summary>
/// A CI success that names no branch (GitHub <c>status</c> with empty <c>branches</c>, Bitbucket without <c>refname</c>):
/// it counts for the commit, but only a push naming a branch decides what deploys, never every branch of the repository.
/// </summary>
public sealed class CiGateBranchlessTests
{
    private const string Uid = "0123456789abcdef0123456789abcdef";
    private const string Commit = "9f3c1a2b4d5e6f708192a3b4c5d6e7f809a1b2c3";
    private const string Repository = "https://github.com/acme/shop";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);

    private static readonly Stack Shop = new(
        "shop",
        StackKind.Docker,
        [new Service("web", new GitSource(Repository, "main")), new Service("web-staging", new GitSource(Repository, "develop"))])
    {
        Deploy = DeployRule.OnCi(),
    };

    [Fact]
    public void BranchlessSuccess_NoPushYet_WaitsForAPushNamingABranchAndKeepsTheSuccess()
    {
        var next = CiGate.Decide(Row(), Ci("ci/circleci", branch: null), Shop, Now)!;

        Assert.Equal((RequestStatus.Waiting, "waiting for a push naming a branch of 9f3c1a2"), (next.Status, next.Reason));
        Assert.Equal(["ci/circleci"], next.Ci!.Passed);
        Assert.Null(next.Services);
    }

    [Fact]
    public void BranchlessSuccess_ThenPushToMain_DeploysOnlyMainsServices()
    {
        var row = CiGate.Decide(Row(), Ci("ci/circleci", branch: null), Shop, Now)!;

        var next = CiGate.Decide(row, Push("main"), Shop, Now)!;

        Assert.Equal(RequestStatus.Dispatching, next.Status);
        Assert.Equal("web", Assert.Single(next.Services!).Name);
    }

    [Fact]
    public void PushToMain_ThenBranchlessSuccess_DeploysOnlyMainsServices()
    {
        var row = CiGate.Decide(Row(), Push("main"), Shop, Now)!;
        Assert.Equal(RequestStatus.Waiting, row.Status);

        var next = CiGate.Decide(row, Ci("ci/circleci", branch: null), Shop, Now)!;

        Assert.Equal(RequestStatus.Dispatching, next.Status);
        Assert.Equal("web", Assert.Single(next.Services!).Name);
    }

    [Fact]
    public void BranchlessSuccess_WithListedChecksStillAwaited_NamesTheChecks()
    {
        var stack = Shop with { Deploy = DeployRule.OnCi("build", "e2e") };

        var next = CiGate.Decide(Row(), Ci("build", branch: null), stack, Now)!;

        Assert.Equal((RequestStatus.Waiting, "waiting for checks e2e on 9f3c1a2"), (next.Status, next.Reason));
    }

    [Fact]
    public void BranchlessSuccess_OnAClassicStack_WaitsRatherThanDeployingAtTheCommit()
    {
        var blog = new Stack("blog", StackKind.Classic, [], new GitSource(Repository, "production")) { Deploy = DeployRule.OnCi() };

        var next = CiGate.Decide(Row(), Ci("ci/circleci", branch: null), blog, Now)!;

        Assert.Equal(RequestStatus.Waiting, next.Status);
        Assert.Null(next.Services);
    }

    [Fact]
    public void SuccessNamingABranch_NoPush_StillDeploysThatBranch()
    {
        var next = CiGate.Decide(Row(), Ci("build", branch: "develop"), Shop, Now)!;

        Assert.Equal(RequestStatus.Dispatching, next.Status);
        Assert.Equal("web-staging", Assert.Single(next.Services!).Name);
    }

    private static RequestRecord Row() =>
        new(Uid, RequestIds.ForCommit(Uid, Commit), "shop", RequestStatus.Queued, Now, "GitHub", null, "9f3c1a2", Enqueued: true);

    private static RequestMessage Push(string branch) =>
        new(RequestMessage.GatedVersion, RequestIds.ForCommit(Uid, Commit), Uid, [new PushMessage([Repository], branch, Commit)], null, Wait: true, DeliveryId: Guid.NewGuid().ToString());

    private static RequestMessage Ci(string check, string? branch) =>
        new(RequestMessage.GatedVersion, RequestIds.ForCommit(Uid, Commit), Uid, [new PushMessage([Repository], branch, Commit)], null,
            Ci: new CiMessage(check, true, "success"), DeliveryId: Guid.NewGuid().ToString());
}
