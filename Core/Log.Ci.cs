using Microsoft.Extensions.Logging;

namespace Redeploy.Core;

/// <summary>Log lines of deploying when CI passes (CONTRACT §9): 13xx intake, 23xx the gate on the queue side.</summary>
internal static partial class Log
{
    [LoggerMessage(1301, LogLevel.Information, "Accepted a CI result for request {RequestId} of stack {Stack} from {Sender}: {Check} {Conclusion} on {Commit}")]
    public static partial void CiAccepted(ILogger logger, string requestId, string stack, string sender, string check, string conclusion, string commit);

    [LoggerMessage(2301, LogLevel.Information, "Request {RequestId} of stack {Stack} waits for CI: {Reason}")]
    public static partial void Waiting(ILogger logger, string requestId, string stack, string reason);
}
