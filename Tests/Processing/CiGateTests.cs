using Redeploy.Core.Intake;
using Redeploy.Core.Processing;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Processing;

/// <summary>The queue side's rules of CONTRACT §9, without storage: a row and a gated message in, the row to write out.</summary>
public sealed class CiGateTests
{
    private const string Uid = "0123456789abcdef0123456789abcdef";
    private const string Commit = "9f3c1a2b4d5e6f708192a3b4c5d6e7f809a1b2c3";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);

    private static readonly Stack Shop = new(
        "shop", StackKind.Docker, [new Service("web", new GitSource("https://github.com/acme/shop", "main")), new Service("redis", Image: "redis:7")]);

    [Fact]
    public void Push_MatchingAndNoSuccessYet_Waits()
    {
        var next = CiGate.Decide(Row(), Push("main"), Shop with { Deploy = DeployRule.OnCi("build") }, Now);

        Assert.Equal((RequestStatus.Waiting, "waiting for checks build on 9f3c1a2"), (next!.Status, next.Reason));
        Assert.NotNull(next.Message);
    }

    [Fact]
    public void Push_MatchingNothing_IsSkippedAndStaysOpenForALaterPush()
    {
        var next = CiGate.Decide(Row(), Push("feature/x"), Shop with { Deploy = DeployRule.OnCi() }, Now)!;

        Assert.Equal(RequestStatus.Skipped, next.Status);
        Assert.True(CiProgress.IsOpen(next));
    }

    [Fact]
    public void Success_LastListedCheck_Releases()
    {
        var stack = Shop with { Deploy = DeployRule.OnCi("build", "e2e") };
        var row = CiGate.Decide(Row(), Push("main"), stack, Now)!;
        row = CiGate.Decide(row, Ci("build", true), stack, Now)!;
        Assert.Equal(RequestStatus.Waiting, row.Status);

        var next = CiGate.Decide(row, Ci("e2e", true), stack, Now)!;

        Assert.Equal(RequestStatus.Dispatching, next.Status);
        Assert.Null(next.Reason);
        Assert.Equal(Now, next.Ci!.ReleasedAt);
        Assert.Equal("web", Assert.Single(next.Services!).Name);
    }

    [Fact]
    public void Failure_Skips_AndAnotherChecksSuccessKeepsItSkippedUntilTheFailedOneSucceeds()
    {
        var stack = Shop with { Deploy = DeployRule.OnCi("build", "e2e") };
        var row = CiGate.Decide(Row(), Ci("e2e", false, "timed_out"), stack, Now)!;
        Assert.Equal((RequestStatus.Skipped, "CI failed: e2e timed_out"), (row.Status, row.Reason));

        row = CiGate.Decide(row, Ci("build", true), stack, Now)!;
        Assert.Equal(RequestStatus.Skipped, row.Status);

        Assert.Equal(RequestStatus.Dispatching, CiGate.Decide(row, Ci("e2e", true), stack, Now)!.Status);
    }

    [Fact]
    public void SameDeliveryAgain_ChangesNothing()
    {
        var stack = Shop with { Deploy = DeployRule.OnCi("build", "e2e") };
        var row = CiGate.Decide(Row(), Ci("e2e", false, delivery: "d1"), stack, Now)!;
        row = CiGate.Decide(row, Ci("e2e", true, delivery: "d2"), stack, Now) ?? row;

        Assert.Null(CiGate.Decide(row with { Status = RequestStatus.Waiting }, Ci("e2e", false, delivery: "d1"), stack, Now));
    }

    [Fact]
    public void CiEvent_OnAStackNowOnPush_OrForACheckNoLongerListed_ChangesNothing()
    {
        Assert.Null(CiGate.Decide(Row(), Ci("build", true), Shop, Now));
        Assert.Null(CiGate.Decide(Row(), Ci("lint", true), Shop with { Deploy = DeployRule.OnCi("build") }, Now));
    }

    [Fact]
    public void DispatchedRow_IsClosedToEveryMessage()
    {
        var dispatched = Row() with { Status = RequestStatus.Dispatched, Ci = CiProgress.None };

        Assert.Null(CiGate.Decide(dispatched, Ci("build", false), Shop with { Deploy = DeployRule.OnCi() }, Now));
        Assert.False(CiProgress.IsOpen(dispatched));
    }

    [Fact]
    public void EndOfCi_FromAGenericCall_ReleasesWhateverChecksAreListed()
    {
        var stack = Shop with { Deploy = DeployRule.OnCi("build", "e2e") };
        var message = Ci(null, true) with { Pushes = [new PushMessage(null, "main", Commit)] };

        Assert.Equal(RequestStatus.Dispatching, CiGate.Decide(Row(), message, stack, Now)!.Status);
    }

    [Fact]
    public void Progress_IsBounded()
    {
        var progress = CiProgress.None;
        for (var i = 0; i < 100; i++)
        {
            progress = progress.WithPassed(i + new string('c', 300)).WithDelivery($"delivery-{i}");
        }

        Assert.Equal(CiProgress.MaxPassed, progress.Passed.Count);
        Assert.All(progress.Passed, name => Assert.True(name.Length <= DeployRule.MaxCheckNameLength));
        Assert.Equal(CiProgress.MaxDeliveries, progress.Deliveries.Count);
        Assert.Equal("delivery-99", progress.Deliveries[^1]);
        Assert.True(progress.HasSeen("delivery-99"));
        Assert.False(progress.HasSeen("delivery-0"));
    }

    [Fact]
    public void ForCommit_IsWellFormedStableAndCaseInsensitive()
    {
        var id = RequestIds.ForCommit(Uid, Commit);

        Assert.True(RequestIds.IsWellFormed(id));
        Assert.Equal(id, RequestIds.ForCommit(Uid, Commit.ToUpperInvariant()));
        Assert.NotEqual(id, RequestIds.ForCommit(Uid.Replace('0', '1'), Commit));
        Assert.NotEqual(id, RequestIds.ForDelivery(Uid, Commit));
    }

    private static RequestRecord Row() =>
        new(Uid, RequestIds.ForCommit(Uid, Commit), "shop", RequestStatus.Queued, Now, "GitHub", null, "main@9f3c1a2", Enqueued: true);

    private static RequestMessage Push(string branch) =>
        new(RequestMessage.GatedVersion, RequestIds.ForCommit(Uid, Commit), Uid, [new PushMessage(["https://github.com/acme/shop"], branch, Commit)], null, Wait: true, DeliveryId: Guid.NewGuid().ToString());

    private static RequestMessage Ci(string? check, bool succeeded, string? conclusion = null, string? delivery = null) =>
        new(RequestMessage.GatedVersion, RequestIds.ForCommit(Uid, Commit), Uid, [new PushMessage(["https://github.com/acme/shop"], "main", Commit)], null,
            Ci: new CiMessage(check, succeeded, conclusion ?? (succeeded ? "success" : "failure")), DeliveryId: delivery ?? Guid.NewGuid().ToString());
}
