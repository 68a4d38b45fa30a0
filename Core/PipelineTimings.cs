namespace Redeploy.Core;

/// <summary>
/// The times and counts of the pipeline that depend on each other, in one place. PipelineTimingsTests checks their
/// relations and that host.json says the same; docs/decisions.md ("Timings that depend on each other") says why.
/// </summary>
public static class PipelineTimings
{
    /// <summary>How long a Git host waits for a hook's answer (GitHub: 10 s) before it counts the delivery as failed.</summary>
    public static readonly TimeSpan GitHostTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The time the intake gives storage before it answers 503: well inside <see cref="GitHostTimeout"/>.</summary>
    public static readonly TimeSpan StorageBudget = TimeSpan.FromSeconds(7);

    /// <summary>One try of the storage client; shorter than <see cref="StorageBudget"/>, so a lost answer is retried within it.</summary>
    public static readonly TimeSpan StorageTryTimeout = TimeSpan.FromSeconds(4);

    /// <summary>How many times a storage call is sent again after a failed try (a timeout only on the answer side).</summary>
    public const int StorageRetries = 2;

    /// <summary>
    /// One try of a queue-side storage call (<see cref="Storage.StorageTries.QueueSide"/>), never sent again after a
    /// timeout: as long as the answer side's tries together, so every lease and window below still outlasts one call.
    /// </summary>
    public static readonly TimeSpan QueueSideTryTimeout = StorageTryTimeout * (StorageRetries + 1);

    /// <summary>
    /// The default of <c>Redeploy:InFlightWindow</c>: how long a request may stay queued without its mark before the
    /// reconciler sends its message. Longer than <see cref="StorageBudget"/>: the attempt that claimed it is still sending.
    /// </summary>
    public static readonly TimeSpan InFlightWindow = TimeSpan.FromSeconds(30);

    /// <summary>host.json <c>visibilityTimeout</c>: how long the host waits before it retries a failed message.</summary>
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(10);

    /// <summary>host.json <c>maxDequeueCount</c>: attempts before the host moves a message to its poison queue.</summary>
    public const int MaxDequeueCount = 5;

    /// <summary>
    /// How long a claim to dispatch belongs to the attempt that made it. Shorter than the host's retries add up to, so a
    /// copy of the message can still take over a claim whose attempt died before the message is poisoned.
    /// </summary>
    public static readonly TimeSpan DispatchLease = TimeSpan.FromSeconds(15);

    /// <summary>How old a <c>dispatching</c> row must be before the reconciler sends its message again: twice the lease.</summary>
    public static readonly TimeSpan DispatchGrace = DispatchLease * 2;
}
