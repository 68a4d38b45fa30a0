using Microsoft.Extensions.Logging;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Deployments;

/// <summary>
/// Applies a deployer's report to its request, by the rules of <see cref="Lifecycle"/>, with a conditional write (a
/// report racing the outbox or the processor reads again and decides again). Used by the callback URL, the
/// deployment-events queue and the command line alike.
/// </summary>
public sealed class DeploymentEvents(JobIndex jobs, RequestLog requests, ILogger<DeploymentEvents> logger)
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

            if (await requests.TryUpdateAsync(Lifecycle.Apply(record, report, transition), cancellationToken) is not null)
            {
                DeploymentLog.Reported(logger, job.JobId, record.StackName, report.State, transition.Status.ToWord());
                return new ReportResult(job.JobId, transition);
            }
        }

        throw new InvalidOperationException($"request {job.JobId} kept changing while a report was applied");
    }
}
