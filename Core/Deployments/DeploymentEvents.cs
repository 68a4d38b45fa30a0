using Microsoft.Extensions.Logging;
using Redeploy.Core.Observers;
using Redeploy.Core.Storage;
using DeploymentReport = Redeploy.Core.Storage.DeploymentReport;

namespace Redeploy.Core.Deployments;

/// <summary>
/// Applies a deployer's report to its request, by the rules of <see cref="Lifecycle"/>, with a conditional write (a
/// report racing the outbox or the processor reads again and decides again). Used by the callback URL, the
/// deployment-events queue and the command line alike. A report that changed the request is told to the observer
/// (GitHub's statuses); a duplicate or refused one is not.
/// </summary>
public sealed class DeploymentEvents(JobIndex jobs, RequestLog requests, ILogger<DeploymentEvents> logger, IDeploymentObserver? observer = null)
{
    private const int MaxWriteAttempts = 5;

    /// <summary>The job's entry (stack and token hashes); null for an unknown or malformed job id.</summary>
    public async Task<JobEntry?> FindJobAsync(string jobId, CancellationToken cancellationToken) =>
        Intake.RequestIds.IsWellFormed(jobId) ? await jobs.FindAsync(jobId, cancellationToken) : null;

    public async Task<ReportResult> ApplyAsync(JobEntry job, DeploymentReport report, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            // The job id is the request id (docs/decisions.md).
            var record = await requests.GetAsync(job.StackUid, job.JobId, cancellationToken);
            if (record is null)
            {
                return new ReportResult(job.JobId, null);
            }

            var transition = Lifecycle.Report(record.Status, record.LastReport, report);
            if (transition.Kind != TransitionKind.Applied)
            {
                DeploymentLog.ReportNotApplied(logger, job.JobId, report.State, transition.Kind.ToString(), record.Status.ToWord());
                return new ReportResult(job.JobId, transition);
            }

            if (await requests.TryUpdateAsync(Lifecycle.Apply(record, report, transition), cancellationToken) is { } applied)
            {
                DeploymentLog.Reported(logger, job.JobId, record.StackName, report.State, transition.Status.ToWord());
                if (observer is not null)
                {
                    // The links as the request now holds them: a log URL given with `started` still shows on `success`.
                    var told = new Observers.DeploymentReport(report.Description, applied.LogUrl, applied.EnvironmentUrl);
                    await observer.OnStateAsync(job.StackUid, job.JobId, StateOf(report), told, cancellationToken);
                }

                return new ReportResult(job.JobId, transition);
            }
        }

        throw new InvalidOperationException($"request {job.JobId} kept changing while a report was applied");
    }

    private static DeploymentState StateOf(DeploymentReport report) => report.State switch
    {
        DeploymentReport.Started => DeploymentState.Started,
        DeploymentReport.Succeeded => DeploymentState.Succeeded,
        DeploymentReport.Failed => DeploymentState.Failed,
        DeploymentReport.Cancelled => DeploymentState.Cancelled,
        _ => throw new ArgumentException($"unknown state {report.State}", nameof(report)),
    };
}
