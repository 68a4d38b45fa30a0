using System.Collections.Concurrent;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Processing;

/// <summary>
/// The requests this processor has seen final, so that another message of one (the reconciler's re-send of a request
/// whose first message was still queued, a repeated delivery's own message) is dropped without a table read. Only a
/// shortcut: the row stays the record, and a request not found here is read as before. Bounded: when full it is
/// cleared, which only costs the reads it saved.
/// </summary>
internal sealed class FinishedRequests
{
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<(string StackUid, string RequestId), RequestStatus> finished = new();

    public bool TryGet(string stackUid, string requestId, out RequestStatus status) =>
        finished.TryGetValue((stackUid, requestId), out status);

    public void Add(string stackUid, string requestId, RequestStatus status)
    {
        if (finished.Count >= MaxEntries)
        {
            finished.Clear();
        }

        finished[(stackUid, requestId)] = status;
    }
}
