namespace Redeploy.Core.Intake;

/// <summary>
/// The request ids this instance knows to be queued, so that a delivery sent again is answered <c>duplicate</c> without a
/// storage call (issue 15). Bounded by count and by age (settings <c>Redeploy:RecentDeliveries</c>,
/// <c>Redeploy:RecentDeliveriesAge</c>): the oldest go first. Only an optimisation: a request it has forgotten, or that
/// another instance queued, is recognised by its row in the table, as before.
/// </summary>
internal sealed class RecentDeliveries(int capacity, TimeSpan maxAge, TimeProvider time)
{
    private readonly Dictionary<string, long> seen = new(StringComparer.Ordinal);
    private readonly Queue<(string RequestId, long At)> order = new();
    private readonly Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return seen.Count;
            }
        }
    }

    /// <summary>True when <paramref name="requestId"/> was recorded queued within the age bound.</summary>
    public bool Contains(string requestId)
    {
        var now = time.GetTimestamp();
        lock (gate)
        {
            return seen.TryGetValue(requestId, out var at) && !IsOld(at, now);
        }
    }

    /// <summary>Records <paramref name="requestId"/> as known queued; forgets the oldest past the count or the age.</summary>
    public void Add(string requestId)
    {
        if (capacity == 0)
        {
            return;
        }

        var now = time.GetTimestamp();
        lock (gate)
        {
            if (!seen.TryAdd(requestId, now))
            {
                return;
            }

            order.Enqueue((requestId, now));
            while (order.Count > capacity || (order.Count > 0 && IsOld(order.Peek().At, now)))
            {
                seen.Remove(order.Dequeue().RequestId);
            }
        }
    }

    private bool IsOld(long at, long now) => time.GetElapsedTime(at, now) > maxAge;
}
