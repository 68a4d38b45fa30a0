using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Redeploy.Core.Intake;

namespace Redeploy.Functions;

/// <summary>GET {base}/stacks/redeploy/{stackUid}/{token} from a browser: the stack's delivery log page (CONTRACT §11).</summary>
public sealed class DeliveryLogFunction(DeliveryLog log)
{
    [Function("DeliveryLog")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stacks/redeploy/{stackUid}/{token}")] HttpRequest request,
        string stackUid,
        string token,
        CancellationToken cancellationToken) =>
        new AnswerResult(await log.PageAsync(stackUid, token, request.Headers.Accept.ToString(), cancellationToken));
}
