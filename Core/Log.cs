using Microsoft.Extensions.Logging;

namespace Redeploy.Core;

/// <summary>
/// Every log line of Core. Event ids: 1xxx intake, 2xxx matching and processing, 3xxx storage, 4xxx reconciler.
/// Never a token, a secret or a full hook URL: stacks are named by name, requests by id.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Accepted request {RequestId} for stack {Stack} from {Sender} ({Summary})")]
    public static partial void Accepted(ILogger logger, string requestId, string stack, string sender, string? summary);

    [LoggerMessage(1002, LogLevel.Information, "Ignored a {Sender} delivery for stack {Stack}: {Reason} ({LeftOut} more for this stack and sender since the previous such line, not logged)")]
    public static partial void Ignored(ILogger logger, string sender, string stack, string reason, int leftOut);

    [LoggerMessage(1003, LogLevel.Information, "Duplicate delivery for stack {Stack}: request {RequestId}")]
    public static partial void Duplicate(ILogger logger, string stack, string requestId);

    [LoggerMessage(1004, LogLevel.Warning, "Refused a hook call: unknown stack or wrong token ({LeftOut} more since the previous such warning, not logged)")]
    public static partial void NotFound(ILogger logger, int leftOut);

    [LoggerMessage(1005, LogLevel.Warning, "Rejected a {Sender} delivery for stack {Stack}: {Check} ({LeftOut} more for this stack, sender and check since the previous such warning, not logged)")]
    public static partial void SignatureRejected(ILogger logger, string sender, string stack, string check, int leftOut);

    [LoggerMessage(1006, LogLevel.Information, "Refused a delivery for stack {Stack}: {Status} {Detail} ({LeftOut} more for this stack and status since the previous such line, not logged)")]
    public static partial void Refused(ILogger logger, string stack, int status, string detail, int leftOut);

    [LoggerMessage(1007, LogLevel.Error, "Storage unavailable while accepting a delivery for stack {StackUid} ({LeftOut} more since the previous such error, not logged)")]
    public static partial void IntakeStorageUnavailable(ILogger logger, Exception exception, string stackUid, int leftOut);

    [LoggerMessage(1101, LogLevel.Error, "Storage unavailable while reading the delivery log of stack {StackUid}")]
    public static partial void DeliveryLogStorageUnavailable(ILogger logger, Exception exception, string stackUid);

    [LoggerMessage(2001, LogLevel.Information, "Request {RequestId} of stack {Stack} dispatched: {Services}")]
    public static partial void Dispatched(ILogger logger, string requestId, string stack, string services);

    [LoggerMessage(2002, LogLevel.Information, "Request {RequestId} of stack {Stack} skipped: {Reason}")]
    public static partial void Skipped(ILogger logger, string requestId, string stack, string reason);

    [LoggerMessage(2003, LogLevel.Information, "Request {RequestId} was already handled ({Status}): no second job")]
    public static partial void AlreadyHandled(ILogger logger, string requestId, string status);

    [LoggerMessage(2004, LogLevel.Error, "Request {RequestId} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string requestId, string reason);

    [LoggerMessage(2005, LogLevel.Warning, "Request {RequestId} was left dispatching by an earlier attempt: sending its job again")]
    public static partial void ResumingDispatch(ILogger logger, string requestId);

    [LoggerMessage(3003, LogLevel.Warning, "Could not write the row of request {RequestId}; its message is on the queue and the processor writes it")]
    public static partial void RequestRowNotWritten(ILogger logger, Exception? exception, string requestId);

    [LoggerMessage(3002, LogLevel.Warning, "Could not remove request {RequestId} after its message failed to queue")]
    public static partial void RollbackFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(4001, LogLevel.Warning, "Reconciler: request {RequestId} of stack {StackUid} was {State} for {Idle}: its message is sent again")]
    public static partial void Resent(ILogger logger, string requestId, string stackUid, string state, TimeSpan idle);

    [LoggerMessage(4002, LogLevel.Error, "Reconciler: request {RequestId} of stack {StackUid} marked failed: {Reason}")]
    public static partial void GaveUp(ILogger logger, string requestId, string stackUid, string reason);

    [LoggerMessage(4003, LogLevel.Information, "Reconciler: {Open} open requests, {Resent} sent again, {Failed} marked failed")]
    public static partial void Reconciled(ILogger logger, int open, int resent, int failed);

    [LoggerMessage(4004, LogLevel.Information, "Deleted {Count} requests received more than {Retention} ago")]
    public static partial void RequestsExpired(ILogger logger, int count, TimeSpan retention);
}
