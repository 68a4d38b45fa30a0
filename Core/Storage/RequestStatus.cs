namespace Redeploy.Core.Storage;

/// <summary>Where a request stands (CONTRACT §3). <see cref="Dispatching"/> is internal and reads as queued.</summary>
public enum RequestStatus
{
    Queued,
    Dispatching,
    Skipped,
    Dispatched,
    Duplicate,
    Failed,
}

public static class RequestStatusExtensions
{
    public static bool IsFinal(this RequestStatus status) =>
        status is RequestStatus.Skipped or RequestStatus.Dispatched or RequestStatus.Duplicate or RequestStatus.Failed;

    /// <summary>The word the status endpoint and the command line show.</summary>
    public static string ToWord(this RequestStatus status) => status switch
    {
        RequestStatus.Dispatching => "queued",
        _ => status.ToString().ToLowerInvariant(),
    };
}
