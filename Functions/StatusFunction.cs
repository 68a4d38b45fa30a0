using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Redeploy.Core.Intake;

namespace Redeploy.Functions;

/// <summary>GET {base}/stacks/redeploy/{stackUid}/{token}/requests/{requestId}: where a request stands.</summary>
public sealed class StatusFunction(HookIntake intake)
{
    [Function("RequestStatus")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stacks/redeploy/{stackUid}/{token}/requests/{requestId}")] HttpRequest request,
        string stackUid,
        string token,
        string requestId,
        CancellationToken cancellationToken) =>
        new AnswerResult(await intake.StatusAsync(stackUid, token, requestId, cancellationToken));
}
