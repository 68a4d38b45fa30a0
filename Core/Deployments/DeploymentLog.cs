using Microsoft.Extensions.Logging;

namespace Redeploy.Core.Deployments;

/// <summary>Log lines of the deployment's life (event ids 5xxx). Never a job token, a callback URL or a deployer's secret or URL.</summary>
internal static partial class DeploymentLog
{
    [LoggerMessage(5001, LogLevel.Information, "Request {RequestId} of stack {Stack}: job queued for the {Kind} deployer")]
    public static partial void Outboxed(ILogger logger, string requestId, string stack, string kind);

    [LoggerMessage(5002, LogLevel.Information, "Request {RequestId}: the deployer accepted the job (attempt {Attempt})")]
    public static partial void Delivered(ILogger logger, string requestId, int attempt);

    [LoggerMessage(5003, LogLevel.Warning, "Request {RequestId}: attempt {Attempt} not accepted ({Reason}); next in {Delay}")]
    public static partial void Retrying(ILogger logger, string requestId, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(5004, LogLevel.Error, "Request {RequestId} failed at delivery attempt {Attempt}: {Reason}")]
    public static partial void DeliveryFailed(ILogger logger, string requestId, int attempt, string reason);

    [LoggerMessage(5005, LogLevel.Information, "Request {RequestId} of stack {Stack}: deployer reported {State}, now {Status}")]
    public static partial void Reported(ILogger logger, string requestId, string stack, string state, string status);

    [LoggerMessage(5006, LogLevel.Information, "Request {RequestId}: report {State} not applied ({Kind}; the request is {Status})")]
    public static partial void ReportNotApplied(ILogger logger, string requestId, string state, string kind, string status);

    [LoggerMessage(5007, LogLevel.Error, "Storage unavailable while taking a report for job {JobId}")]
    public static partial void CallbackStorageUnavailable(ILogger logger, Exception exception, string jobId);
}
