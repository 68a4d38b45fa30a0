using System.Collections.Concurrent;

namespace Redeploy.Core.Storage;

/// <summary>
/// The uids of the stacks in one table as this process knows them, so that an unknown uid is answered without a table
/// read (CONTRACT §1: an unknown stack and a wrong token cost the same). Loaded with one query on first use, refreshed in
/// the background once a load is older than the cache duration (the old set answers known uids meanwhile; an unknown one
/// waits for that refresh; a failed load is the answer for <see cref="FailedLoadPause"/>), and added to at once by
/// every save through any <see cref="TableStackStore"/> of this process on the same table. Uids are only added: stacks are
/// not deleted, and a uid kept here whose stack is gone only costs the table read it cost before. About 15 MB per
/// 100,000 stacks (a 32-character string and a dictionary node each).
/// </summary>
internal sealed class KnownStackUids
{
    // One set per table and process, shared by every store and cache on that table: the CLI's store and the intake's in
    // `redeploy dev` and in the tests are different instances, and a stack one saves must be found by the other at once.
    private static readonly ConcurrentDictionary<string, KnownStackUids> ByTable = new(StringComparer.Ordinal);

    /// <summary>
    /// How long a failed load is the answer before the table is listed again: while storage is down, calls are answered
    /// at once (from the set, or with the failure) instead of each starting a scan of their own.
    /// </summary>
    internal static readonly TimeSpan FailedLoadPause = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, byte> uids = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private Task? loading;
    private Task? failedLoad;
    private long failedAt;
    private long loadedAt;
    private bool loaded;

    internal static KnownStackUids For(Uri table) => ByTable.GetOrAdd(table.AbsoluteUri, _ => new KnownStackUids());

    public int Count => uids.Count;

    internal void Add(string uid) => uids.TryAdd(uid, 0);

    /// <summary>
    /// Whether a stack has this uid. Only the first call (and the calls after a failed first load) waits for the table;
    /// a failed first load throws, so the intake answers 503 rather than 404 for every stack.
    /// </summary>
    internal async ValueTask<bool> ContainsAsync(
        string uid, Func<CancellationToken, IAsyncEnumerable<string>> list, TimeSpan refreshAfter, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Volatile.Read(ref loaded))
        {
            await Load(list, time).WaitAsync(cancellationToken);
        }
        else if (time.GetElapsedTime(Volatile.Read(ref loadedAt)) >= refreshAfter)
        {
            // A known uid does not wait for the refresh. An unknown one does (one shared scan a period): it may be a stack
            // created elsewhere since the last load, however long ago that was, and a 404 would lose its push. A failed
            // refresh is observed in Load; the old set goes on answering.
            var refresh = Load(list, time);
            if (!uids.ContainsKey(uid))
            {
                try
                {
                    await refresh.WaitAsync(cancellationToken);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                }
            }
        }

        return uids.ContainsKey(uid);
    }

    private Task Load(Func<CancellationToken, IAsyncEnumerable<string>> list, TimeProvider time)
    {
        lock (gate)
        {
            if (loading is null && failedLoad is not null && time.GetElapsedTime(failedAt) < FailedLoadPause)
            {
                return failedLoad;
            }

            if (loading is null)
            {
                loading = LoadAsync(list, time);
                loading.ContinueWith(
                    static done => _ = done.Exception,
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }

            return loading;
        }
    }

    // Not cancelled with any caller: callers share it, and the storage client's own timeouts end it.
    private async Task LoadAsync(Func<CancellationToken, IAsyncEnumerable<string>> list, TimeProvider time)
    {
        await Task.Yield();
        try
        {
            var startedAt = time.GetTimestamp();
            await foreach (var uid in list(CancellationToken.None))
            {
                uids.TryAdd(uid, 0);
            }

            Volatile.Write(ref loadedAt, startedAt);
            Volatile.Write(ref loaded, true);
            lock (gate)
            {
                failedLoad = null;
            }
        }
        catch (Exception e)
        {
            lock (gate)
            {
                failedLoad = Task.FromException(e);
                _ = failedLoad.Exception; // observed: a caller that does not wait for it is answered from the set
                failedAt = time.GetTimestamp();
            }

            throw;
        }
        finally
        {
            lock (gate)
            {
                loading = null;
            }
        }
    }
}
