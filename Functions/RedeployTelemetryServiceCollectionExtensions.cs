using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Redeploy.Functions;

public static class RedeployTelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Application Insights for the worker (APPLICATIONINSIGHTS_CONNECTION_STRING; nothing is sent without it), with hook
    /// and job tokens masked in every item, and the request items of <see cref="RequestTelemetryMiddleware"/>.
    /// </summary>
    public static IServiceCollection AddRedeployTelemetry(this IServiceCollection services)
    {
        services.AddApplicationInsightsTelemetryWorkerService();
        services.ConfigureFunctionsApplicationInsights();
        services.AddSingleton<ITelemetryInitializer, TokenMaskingTelemetryInitializer>();
        services.AddSingleton<RequestTelemetryMiddleware>();
        return services;
    }
}
