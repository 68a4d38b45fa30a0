using Microsoft.Extensions.Logging;

namespace Redeploy.Functions;

/// <summary>The log lines of the Functions adapters (event ids 4xxx).</summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Error, "Poison message {MessageId} is not a request message; dropped")]
    public static partial void UnreadablePoisonMessage(ILogger logger, string messageId);
}
