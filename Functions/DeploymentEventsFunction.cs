using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Redeploy.Core.Deployments;

namespace Redeploy.Functions;

/// <summary>POST {base}/deployments/{jobId}/{jobToken}/events: a deployer reports on its job. Anonymous: the job token is the secret.</summary>
public sealed class DeploymentEventsFunction(DeploymentCallback callback)
{
    [Function("DeploymentEvents")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "deployments/{jobId}/{jobToken}/events")] HttpRequest request,
        string jobId,
        string jobToken,
        CancellationToken cancellationToken) =>
        new AnswerResult(await callback.ReportAsync(jobId, jobToken, request.Body, request.ContentLength, cancellationToken));
}
