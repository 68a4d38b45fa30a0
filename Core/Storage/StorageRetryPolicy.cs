using Azure.Core;
using Azure.Core.Pipeline;

namespace Redeploy.Core.Storage;

/// <summary>
/// The storage clients' retries, by <see cref="StorageTries"/>: answer-side calls are tried for
/// <paramref name="answerTry"/> (the clients' network timeout) and sent again on any transient failure; queue-side calls
/// are tried once for <paramref name="queueSideTry"/> and sent again on a transient failure other than their own timeout.
/// </summary>
internal sealed class StorageRetryPolicy(TimeSpan answerTry, TimeSpan queueSideTry, int maxRetries, TimeSpan delay, TimeSpan maxDelay)
    : RetryPolicy(maxRetries, DelayStrategy.CreateExponentialDelayStrategy(delay, maxDelay))
{
    protected override void OnSendingRequest(HttpMessage message) =>
        message.NetworkTimeout = StorageTries.IsQueueSide(message) ? queueSideTry : answerTry;

    protected override ValueTask OnSendingRequestAsync(HttpMessage message)
    {
        OnSendingRequest(message);
        return ValueTask.CompletedTask;
    }

    protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
        !IsQueueSideTimeout(message, exception) && base.ShouldRetry(message, exception);

    protected override ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
        IsQueueSideTimeout(message, exception) ? ValueTask.FromResult(false) : base.ShouldRetryAsync(message, exception);

    // The network timeout ends a try with an OperationCanceledException while the caller's own token is not cancelled.
    private static bool IsQueueSideTimeout(HttpMessage message, Exception? exception) =>
        exception is OperationCanceledException && !message.CancellationToken.IsCancellationRequested && StorageTries.IsQueueSide(message);
}
