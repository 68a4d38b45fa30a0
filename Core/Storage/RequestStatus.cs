namespace Redeploy.Core.Storage;

/// <summary>
/// Where a request stands (CONTRACT §3 and §7). <see cref="Dispatching"/> and <see cref="Delivering"/> are internal and
/// read as queued: the job is not yet in the deployer's hands.
/// </summary>
public enum RequestStatus
{
    Queued,
    Dispatching,
    Skipped,
    Dispatched,
    Duplicate,
    Failed,

    /// <summary>The job waits in the outbox for a deployer that is called over the network (webhook) to accept it.</summary>
    Delivering,

    /// <summary>The deployer reported that it started.</summary>
    Deploying,
    Succeeded,
    Cancelled,

    /// <summary>
    /// A push on a stack that deploys on CI matched and waits for its checks (CONTRACT §9). Final for the processor and
    /// the reconciler (nothing to do until a CI event's message arrives; a wait may last hours), open for the CI gate.
    /// </summary>
    Waiting,
}

public static class RequestStatusExtensions
{
    /// <summary>True when the request processor has nothing left to do: a job was handed over, or none will be.</summary>
    public static bool IsFinal(this RequestStatus status) => status is not (RequestStatus.Queued or RequestStatus.Dispatching);

    /// <summary>The word the status endpoint and the command line show.</summary>
    public static string ToWord(this RequestStatus status) => status switch
    {
        RequestStatus.Dispatching or RequestStatus.Delivering => "queued",
        _ => status.ToString().ToLowerInvariant(),
    };
}
