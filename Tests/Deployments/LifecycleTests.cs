using Redeploy.Core.Deployments;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Deployments;

/// <summary>CONTRACT §7's lifecycle, every pair of (status, reported state), as a table.</summary>
public sealed class LifecycleTests
{
    [Theory]
    [InlineData(RequestStatus.Queued, "started", TransitionKind.Conflict, RequestStatus.Queued)]
    [InlineData(RequestStatus.Queued, "succeeded", TransitionKind.Conflict, RequestStatus.Queued)]
    [InlineData(RequestStatus.Queued, "failed", TransitionKind.Conflict, RequestStatus.Queued)]
    [InlineData(RequestStatus.Queued, "cancelled", TransitionKind.Conflict, RequestStatus.Queued)]
    [InlineData(RequestStatus.Dispatching, "started", TransitionKind.Applied, RequestStatus.Deploying)]
    [InlineData(RequestStatus.Dispatching, "succeeded", TransitionKind.Applied, RequestStatus.Succeeded)]
    [InlineData(RequestStatus.Dispatching, "failed", TransitionKind.Applied, RequestStatus.Failed)]
    [InlineData(RequestStatus.Dispatching, "cancelled", TransitionKind.Applied, RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Skipped, "started", TransitionKind.Conflict, RequestStatus.Skipped)]
    [InlineData(RequestStatus.Skipped, "succeeded", TransitionKind.Conflict, RequestStatus.Skipped)]
    [InlineData(RequestStatus.Skipped, "failed", TransitionKind.Conflict, RequestStatus.Skipped)]
    [InlineData(RequestStatus.Skipped, "cancelled", TransitionKind.Conflict, RequestStatus.Skipped)]
    [InlineData(RequestStatus.Dispatched, "started", TransitionKind.Applied, RequestStatus.Deploying)]
    [InlineData(RequestStatus.Dispatched, "succeeded", TransitionKind.Applied, RequestStatus.Succeeded)]
    [InlineData(RequestStatus.Dispatched, "failed", TransitionKind.Applied, RequestStatus.Failed)]
    [InlineData(RequestStatus.Dispatched, "cancelled", TransitionKind.Applied, RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Duplicate, "started", TransitionKind.Conflict, RequestStatus.Duplicate)]
    [InlineData(RequestStatus.Duplicate, "succeeded", TransitionKind.Conflict, RequestStatus.Duplicate)]
    [InlineData(RequestStatus.Duplicate, "failed", TransitionKind.Conflict, RequestStatus.Duplicate)]
    [InlineData(RequestStatus.Duplicate, "cancelled", TransitionKind.Conflict, RequestStatus.Duplicate)]
    [InlineData(RequestStatus.Failed, "started", TransitionKind.Conflict, RequestStatus.Failed)]
    [InlineData(RequestStatus.Failed, "succeeded", TransitionKind.Conflict, RequestStatus.Failed)]
    [InlineData(RequestStatus.Failed, "failed", TransitionKind.Conflict, RequestStatus.Failed)]
    [InlineData(RequestStatus.Failed, "cancelled", TransitionKind.Conflict, RequestStatus.Failed)]
    [InlineData(RequestStatus.Delivering, "started", TransitionKind.Applied, RequestStatus.Deploying)]
    [InlineData(RequestStatus.Delivering, "succeeded", TransitionKind.Applied, RequestStatus.Succeeded)]
    [InlineData(RequestStatus.Delivering, "failed", TransitionKind.Applied, RequestStatus.Failed)]
    [InlineData(RequestStatus.Delivering, "cancelled", TransitionKind.Applied, RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Deploying, "started", TransitionKind.Applied, RequestStatus.Deploying)]
    [InlineData(RequestStatus.Deploying, "succeeded", TransitionKind.Applied, RequestStatus.Succeeded)]
    [InlineData(RequestStatus.Deploying, "failed", TransitionKind.Applied, RequestStatus.Failed)]
    [InlineData(RequestStatus.Deploying, "cancelled", TransitionKind.Applied, RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Succeeded, "started", TransitionKind.Conflict, RequestStatus.Succeeded)]
    [InlineData(RequestStatus.Succeeded, "succeeded", TransitionKind.Conflict, RequestStatus.Succeeded)]
    [InlineData(RequestStatus.Succeeded, "failed", TransitionKind.Conflict, RequestStatus.Succeeded)]
    [InlineData(RequestStatus.Succeeded, "cancelled", TransitionKind.Conflict, RequestStatus.Succeeded)]
    [InlineData(RequestStatus.Cancelled, "started", TransitionKind.Conflict, RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Cancelled, "succeeded", TransitionKind.Conflict, RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Cancelled, "failed", TransitionKind.Conflict, RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Cancelled, "cancelled", TransitionKind.Conflict, RequestStatus.Cancelled)]
    public void Report_FromEveryStatus_MovesOnOnlyWhileTheJobIsWithTheDeployer(RequestStatus current, string state, TransitionKind kind, RequestStatus after)
    {
        var transition = Lifecycle.Report(current, last: null, new DeploymentReport(state));

        Assert.Equal(new Transition(kind, after), transition);
    }

    [Theory]
    [InlineData(RequestStatus.Deploying, "started")]
    [InlineData(RequestStatus.Succeeded, "succeeded")]
    [InlineData(RequestStatus.Failed, "failed")]
    [InlineData(RequestStatus.Cancelled, "cancelled")]
    public void Report_SameAsTheLast_IsADuplicateFinalOrNot(RequestStatus current, string state)
    {
        var report = new DeploymentReport(state, "why", "https://ci.example/1");

        Assert.Equal(new Transition(TransitionKind.Duplicate, current), Lifecycle.Report(current, report, report with { }));
    }

    [Fact]
    public void Report_FinalStateThenTheSameStateWithOtherFields_IsAConflict()
    {
        var last = new DeploymentReport("failed", "disk full");

        Assert.Equal(TransitionKind.Conflict, Lifecycle.Report(RequestStatus.Failed, last, last with { Description = "out of memory" }).Kind);
    }

    [Fact]
    public void Report_StartedAgainWithALink_IsAppliedAndStaysDeploying()
    {
        var last = new DeploymentReport("started");

        Assert.Equal(
            new Transition(TransitionKind.Applied, RequestStatus.Deploying),
            Lifecycle.Report(RequestStatus.Deploying, last, last with { LogUrl = "https://ci.example/1" }));
    }

    [Theory]
    [InlineData(RequestStatus.Dispatching, RequestStatus.Dispatched)]
    [InlineData(RequestStatus.Delivering, RequestStatus.Dispatched)]
    [InlineData(RequestStatus.Deploying, RequestStatus.Deploying)]
    [InlineData(RequestStatus.Succeeded, RequestStatus.Succeeded)]
    [InlineData(RequestStatus.Failed, RequestStatus.Failed)]
    public void Accepted_NeverTakesAReportedStateBack(RequestStatus current, RequestStatus after) =>
        Assert.Equal(after, Lifecycle.Accepted(current));

    [Fact]
    public void Apply_KeepsLinksNotReportedAgainAndTakesTheReasonOnlyForFailedOrCancelled()
    {
        var record = new RequestRecord("s", "r", "shop", RequestStatus.Deploying, DateTimeOffset.UnixEpoch, "manual", null, null, Reason: "old")
        {
            LogUrl = "https://ci.example/log",
        };

        var succeeded = Lifecycle.Apply(record, new DeploymentReport("succeeded", "done", EnvironmentUrl: "https://shop.example"), new Transition(TransitionKind.Applied, RequestStatus.Succeeded));
        var failed = Lifecycle.Apply(record, new DeploymentReport("failed", "disk full"), new Transition(TransitionKind.Applied, RequestStatus.Failed));

        Assert.Equal((RequestStatus.Succeeded, null, "https://ci.example/log", "https://shop.example"), (succeeded.Status, succeeded.Reason, succeeded.LogUrl, succeeded.EnvironmentUrl));
        Assert.Equal((RequestStatus.Failed, "disk full"), (failed.Status, failed.Reason));
    }
}
