using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Redeploy.Core.Hooks;
using Redeploy.Core.Intake;

namespace Redeploy.Functions;

/// <summary>Writes an <see cref="IntakeAnswer"/> to the response, for the Functions host (IActionResult) and Kestrel (IResult).</summary>
public sealed class AnswerResult(IntakeAnswer answer) : IActionResult, IResult
{
    public IntakeAnswer Answer => answer;

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = answer.Status;
        response.ContentType = answer.ContentType;
        response.ContentLength = answer.Body.Length;
        response.Headers.CacheControl = "no-store";
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers[name] = value;
        }

        await response.Body.WriteAsync(answer.Body, httpContext.RequestAborted);
    }
}
