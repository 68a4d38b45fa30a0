using Microsoft.Extensions.Logging;
using Redeploy.Core.Hooks;
using Redeploy.Core.Intake;
using Redeploy.Core.Security;

namespace Redeploy.Core.Deployments;

/// <summary>
/// The HTTP-side use case of <c>POST {base}/deployments/{jobId}/{jobToken}/events</c>: the job token is checked first
/// (unknown job and wrong token answer alike, at the same cost), then the body is read within the hook's limits.
/// </summary>
public sealed class DeploymentCallback(
    DeploymentEvents events,
    RedeployOptions options,
    TimeProvider time,
    ILogger<DeploymentCallback> logger,
    BodyBudget? sharedBodyBudget = null)
{
    private readonly BodyBudget bodyBudget = sharedBodyBudget ?? new(options.MaxBufferedBytes);

    public async Task<IntakeAnswer> ReportAsync(string jobId, string jobToken, Stream body, long? contentLength, CancellationToken callerToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        budget.CancelAfter(PipelineTimings.StorageBudget);
        var cancellationToken = budget.Token;
        try
        {
            var job = await events.FindJobAsync(jobId, cancellationToken);
            if (job is null)
            {
                HookToken.MatchAgainstDecoys(jobToken);
                return DeploymentAnswers.NotFound();
            }

            if (!HookToken.Matches(jobToken, job.TokenHashes))
            {
                return DeploymentAnswers.NotFound();
            }

            // Reports are not signed: the job token in the URL is their credential, checked above.
            using var unsigned = BodySignature.Decided(SignatureCheck.NotRequired);
            var read = await BodyReader.ReadAsync(
                body, contentLength, options.MaxPayloadBytes, bodyBudget, unsigned, options.BodyReadTimeout, time, callerToken);
            if (!read.Succeeded)
            {
                return Answers.From(read.Failure);
            }

            using var received = read.Value;
            var report = ReportReader.Read(received.Memory.Span);
            if (!report.Succeeded)
            {
                return Answers.From(report.Failure);
            }

            var result = await events.ApplyAsync(job, report.Value.Report, cancellationToken);
            return DeploymentAnswers.From(result);
        }
        catch (Exception e) when (e.IsStorageFailure(callerToken))
        {
            DeploymentLog.CallbackStorageUnavailable(logger, e, RequestIds.IsWellFormed(jobId) ? jobId : "(malformed)");
            return Answers.Unavailable();
        }
    }
}
