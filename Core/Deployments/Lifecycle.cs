using Redeploy.Core.Storage;

namespace Redeploy.Core.Deployments;

/// <summary>
/// The deployment's life after dispatch (CONTRACT §7), as pure rules: dispatched → deploying → succeeded | failed |
/// cancelled; a final state is final. Every write of a report or of a delivery outcome asks here first.
/// </summary>
internal static class Lifecycle
{
    /// <summary>What a deployer's report does to a request that stands at <paramref name="current"/>.</summary>
    /// <param name="last">The deployer's previous report, if any: the same report again is a duplicate, final or not.</param>
    public static Transition Report(RequestStatus current, DeploymentReport? last, DeploymentReport report)
    {
        if (report == last)
        {
            return new Transition(TransitionKind.Duplicate, current);
        }

        // A job in the deployer's hands: handed over, or (a deployer that reports before answering our POST, or before
        // the processor's last write) about to be marked so. The report proves the deployer has it.
        var running = current is RequestStatus.Dispatching or RequestStatus.Delivering or RequestStatus.Dispatched or RequestStatus.Deploying;
        if (!running)
        {
            return new Transition(TransitionKind.Conflict, current);
        }

        return new Transition(TransitionKind.Applied, report.State switch
        {
            DeploymentReport.Started => RequestStatus.Deploying,
            DeploymentReport.Succeeded => RequestStatus.Succeeded,
            DeploymentReport.Failed => RequestStatus.Failed,
            DeploymentReport.Cancelled => RequestStatus.Cancelled,
            _ => throw new ArgumentException($"unknown state {report.State}", nameof(report)),
        });
    }

    /// <summary>The status after the deployer accepted the job: dispatched, unless a report moved the request on already.</summary>
    public static RequestStatus Accepted(RequestStatus current) =>
        current is RequestStatus.Dispatching or RequestStatus.Delivering ? RequestStatus.Dispatched : current;

    /// <summary>True when the outbox may still deliver, or give up on, the request's job.</summary>
    public static bool AwaitsDelivery(RequestStatus current) => current == RequestStatus.Delivering;

    /// <summary>The row after <paramref name="report"/> was applied as <paramref name="transition"/>: links kept unless replaced.</summary>
    public static RequestRecord Apply(RequestRecord record, DeploymentReport report, Transition transition) => record with
    {
        Status = transition.Status,
        Reason = transition.Status is RequestStatus.Failed or RequestStatus.Cancelled ? report.Description : null,
        LogUrl = report.LogUrl ?? record.LogUrl,
        EnvironmentUrl = report.EnvironmentUrl ?? record.EnvironmentUrl,
        LastReport = report,
    };
}
