using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Redeploy.Core.Intake;

namespace Redeploy.Functions;

/// <summary>POST {base}/stacks/redeploy/{stackUid}/{token}: the hook URL. Anonymous: the URL's token is the secret.</summary>
public sealed class HookFunction(HookIntake intake)
{
    [Function("Hook")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stacks/redeploy/{stackUid}/{token}")] HttpRequest request,
        string stackUid,
        string token,
        CancellationToken cancellationToken)
    {
        var call = new HookCall(stackUid, token, request.ToHookHeaders(), request.ToQuery(), request.Body, request.ContentLength);
        return new AnswerResult(await intake.AcceptAsync(call, cancellationToken));
    }
}
