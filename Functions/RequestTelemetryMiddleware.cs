using System.Globalization;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Redeploy.Core.Security;

namespace Redeploy.Functions;

/// <summary>
/// Records each HTTP invocation as a request item from the worker, with its URL masked. The Functions host's own
/// request items would carry the raw URL, token included, and telemetry initializers of an isolated worker never see
/// them: host.json therefore turns the host's (category Host.Results) off, and this middleware takes their place.
/// </summary>
public sealed class RequestTelemetryMiddleware(TelemetryClient telemetry, TimeProvider time) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var completed = false;
        try
        {
            await next(context);
            completed = true;
        }
        finally
        {
            var status = completed ? http.Response.StatusCode : StatusCodes.Status500InternalServerError;
            telemetry.TrackRequest(new RequestTelemetry(
                $"{http.Request.Method} {context.FunctionDefinition.Name}",
                startedAt,
                time.GetElapsedTime(started),
                status.ToString(CultureInfo.InvariantCulture),
                completed && status < 500)
            {
                Url = UrlRedaction.Redact(new Uri(http.Request.GetDisplayUrl())),
            });
        }
    }
}
