using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Redeploy.Core.Security;

namespace Redeploy.Functions;

/// <summary>
/// Masks hook and job tokens in every telemetry item the worker sends (CONTRACT §10): request and dependency URLs and
/// names, trace messages and custom properties become <c>/stacks/redeploy/{uid}/***</c> and <c>/deployments/{jobId}/***</c>.
/// </summary>
public sealed class TokenMaskingTelemetryInitializer : ITelemetryInitializer
{
    public void Initialize(ITelemetry telemetry)
    {
        switch (telemetry)
        {
            case RequestTelemetry request:
                request.Url = UrlRedaction.Redact(request.Url);
                request.Name = UrlRedaction.Redact(request.Name);
                break;
            case DependencyTelemetry dependency:
                dependency.Data = UrlRedaction.Redact(dependency.Data);
                dependency.Name = UrlRedaction.Redact(dependency.Name);
                break;
            case TraceTelemetry trace:
                trace.Message = UrlRedaction.Redact(trace.Message);
                break;
        }

        if (telemetry is ISupportProperties { Properties: { Count: > 0 } properties })
        {
            foreach (var key in properties.Where(p => UrlRedaction.MayHoldToken(p.Value)).Select(p => p.Key).ToList())
            {
                properties[key] = UrlRedaction.Redact(properties[key]);
            }
        }
    }
}
