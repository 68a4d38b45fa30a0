using Microsoft.Extensions.Logging;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Processing;

/// <summary>
/// Keeps the requests table to <see cref="RedeployOptions.RequestRetention"/>: from the reconciler's timer, at most once
/// every <see cref="SweepEvery"/> per instance, it deletes up to <see cref="MaxDeletesPerSweep"/> requests received
/// before then that are no longer queued, and as many rows of each other table registered (<see cref="IRetentionStep"/>:
/// jobs, GitHub's deployments) not written since. The tables' size then follows the traffic of the retention period, and
/// so do the reconciler's scan and the delivery log's read of a stack's partition.
/// </summary>
public sealed class RequestRetention(
    RequestLog requests, IEnumerable<IRetentionStep> tables, RedeployOptions options, TimeProvider time, ILogger<RequestRetention> logger)
{
    public static readonly TimeSpan SweepEvery = TimeSpan.FromHours(1);

    /// <summary>A sweep's bound, so that one timer run stays short; what is left goes at the next sweep.</summary>
    public const int MaxDeletesPerSweep = 1_000;

    private DateTimeOffset nextSweep = DateTimeOffset.MinValue;

    /// <summary>Deletes expired requests if a sweep is due; returns how many (0 when none was due).</summary>
    public async Task<int> SweepIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < nextSweep)
        {
            return 0;
        }

        // Set first: a sweep that fails (storage away) is tried again at the next period, not at every timer run.
        nextSweep = now + SweepEvery;
        var cutoff = now - options.RequestRetention;
        var deleted = await requests.DeleteReceivedBeforeAsync(cutoff, MaxDeletesPerSweep, cancellationToken);
        foreach (var table in tables)
        {
            deleted += await table.DeleteWrittenBeforeAsync(cutoff, MaxDeletesPerSweep, cancellationToken);
        }

        if (deleted > 0)
        {
            Log.RequestsExpired(logger, deleted, options.RequestRetention);
        }

        return deleted;
    }
}
