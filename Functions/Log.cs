using Microsoft.Extensions.Logging;

namespace Redeploy.Functions;

/// <summary>The log lines of the Functions adapters (event ids 4xxx).</summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Error, "Poison message {MessageId} is not a request message; dropped")]
    public static partial void UnreadablePoisonMessage(ILogger logger, string messageId);

    [LoggerMessage(4002, LogLevel.Warning, "Deployment event {MessageId} ({State}) names no known job; dropped")]
    public static partial void UnknownJobReport(ILogger logger, string messageId, string state);

    [LoggerMessage(4003, LogLevel.Error, "Deployment event {MessageId} is not a report (after {Attempts} attempts); dropped")]
    public static partial void PoisonDeploymentEvent(ILogger logger, string messageId, long attempts);
}
