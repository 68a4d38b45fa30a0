using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Redeploy.Core.Hooks;
using Redeploy.Core.Intake;

namespace Redeploy.Functions;

/// <summary>POST {base}/stacks/redeploy/{stackUid}/{token}: the hook URL. Anonymous: the URL's token is the secret.</summary>
public sealed class HookFunction(HookIntake intake)
{
    /// <summary>
    /// The answer to a caller that went away before its answer (nginx's 499, "client closed request"): nobody reads it,
    /// but it is logged as what it is rather than as an unhandled 500. Nothing was answered 2xx.
    /// </summary>
    public static readonly IntakeAnswer CallerLeft = new(499, ReadOnlyMemory<byte>.Empty, IntakeAnswer.Json, IntakeAnswer.NoHeaders);

    [Function("Hook")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stacks/redeploy/{stackUid}/{token}")] HttpRequest request,
        string stackUid,
        string token,
        CancellationToken cancellationToken)
    {
        var call = new HookCall(stackUid, token, request.ToHookHeaders(), request.ToQuery(), request.Body, request.ContentLength);
        try
        {
            return new AnswerResult(await intake.AcceptAsync(call, cancellationToken));
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Whatever the intake met once the caller had gone (its read cancelled, or storage failing while it waited, which
            // is not told apart from the caller's cancellation then), nobody is there to answer.
            return new AnswerResult(CallerLeft);
        }
    }
}
