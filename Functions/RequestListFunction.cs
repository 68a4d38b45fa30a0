using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Redeploy.Core.Intake;

namespace Redeploy.Functions;

/// <summary>GET {base}/stacks/redeploy/{stackUid}/{token}/requests[?limit=N]: the delivery log as JSON (CONTRACT §11).</summary>
public sealed class RequestListFunction(DeliveryLog log)
{
    [Function("RequestList")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stacks/redeploy/{stackUid}/{token}/requests")] HttpRequest request,
        string stackUid,
        string token,
        CancellationToken cancellationToken) =>
        new AnswerResult(await log.ListAsync(stackUid, token, request.ToQuery().GetValueOrDefault("limit", []), cancellationToken));
}
