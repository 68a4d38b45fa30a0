using System.Collections.Concurrent;

namespace Redeploy.Core.Storage;

/// <summary>
/// Stack definitions as the intake reads them, kept for <see cref="RedeployOptions.StackCacheDuration"/>: under load a
/// hook costs no table read per delivery. An unknown uid costs no table read at all: the uid is looked up in
/// <see cref="KnownStackUids"/>, the set of stack uids held in memory, so an unknown stack and a wrong token on a known
/// one cost the same (CONTRACT §1). A stack saved in this process is known at once, one created by another process
/// within the cache duration. A change to a stack (a rotated token, a new secret) is seen within that period,
/// unless storage takes longer than <see cref="SlowReadWait"/> to answer: then the old entry answers for up to one more
/// period while the read goes on. An entry used past <see cref="RefreshAheadAt"/> of its period is read again in the
/// background while it keeps answering, so a busy stack's calls wait for no read. Concurrent reads of one uid are one read. Storage failures are not kept: the next call
/// reads again. Zero or less turns the cache off (and the uid set with it: every call reads the table).
/// </summary>
internal sealed class StackCache
{
    /// <summary>
    /// Entries held at most. With the uid set only known stacks take one; without it (the tests' reader-only cache) distinct
    /// unknown uids do too. When full, expired entries go, and if that is not enough the whole cache.
    /// </summary>
    public const int MaxEntries = 10_000;

    /// <summary>
    /// How long a call waits for a new read of an entry that expired less than one cache duration ago before it is
    /// answered from that entry. A healthy table read takes milliseconds.
    /// </summary>
    public static readonly TimeSpan SlowReadWait = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The share of the cache duration after which a call answered from an entry also starts one background read of it:
    /// a storage stall shorter than the rest of the period then never holds a call (the reject paths' tail, issue 15).
    /// </summary>
    public const double RefreshAheadAt = 0.8;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<StoredStack?>>> refreshing = new(StringComparer.Ordinal);
    private readonly Func<string, CancellationToken, Task<StoredStack?>> read;
    private readonly Func<CancellationToken, IAsyncEnumerable<string>>? listUids;
    private readonly KnownStackUids? known;
    private readonly RedeployOptions options;
    private readonly TimeProvider time;

    public StackCache(TableStackStore stacks, RedeployOptions options, TimeProvider time)
        : this(stacks.FindByUidAsync, stacks.ListUidsAsync, stacks.KnownUids, options, time)
    {
    }

    /// <summary>Over any reader of stacks by uid, with no uid set (every unknown uid is read): the tests' stand-in for the table.</summary>
    internal StackCache(Func<string, CancellationToken, Task<StoredStack?>> read, RedeployOptions options, TimeProvider time)
        : this(read, null, null, options, time)
    {
    }

    /// <summary>Over any reader of stacks by uid and lister of uids, sharing <paramref name="known"/>.</summary>
    internal StackCache(
        Func<string, CancellationToken, Task<StoredStack?>> read,
        Func<CancellationToken, IAsyncEnumerable<string>>? listUids,
        KnownStackUids? known,
        RedeployOptions options,
        TimeProvider time)
    {
        this.read = read;
        this.listUids = listUids;
        this.known = known;
        this.options = options;
        this.time = time;
    }

    public int Count => entries.Count;

    /// <summary>The stack with this uid, or null when there is none, from memory when read within the cache duration.</summary>
    public async ValueTask<StoredStack?> FindByUidAsync(string uid, CancellationToken cancellationToken)
    {
        var duration = options.StackCacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            return await read(uid, cancellationToken);
        }

        if (known is not null && !await known.ContainsAsync(uid, listUids!, duration, time, cancellationToken))
        {
            return null;
        }

        if (entries.TryGetValue(uid, out var cached))
        {
            var age = time.GetElapsedTime(cached.ReadAt);
            if (age < duration)
            {
                if (age >= duration * RefreshAheadAt)
                {
                    _ = Refresh(uid);
                }

                return cached.Stack;
            }

            if (age < duration * 2)
            {
                // Expired but recent: wait a little for the new read, and if storage is that slow answer from the old
                // entry rather than hold every call to this stack (and its 401s) until the read returns or times out.
                var refresh = Refresh(uid);
                if (!refresh.IsCompleted)
                {
                    await Task.WhenAny(refresh, Task.Delay(SlowReadWait, time, cancellationToken));
                    cancellationToken.ThrowIfCancellationRequested();
                }

                return refresh.IsCompleted ? await refresh : cached.Stack;
            }
        }

        return await Refresh(uid).WaitAsync(cancellationToken);
    }

    /// <summary>One table read per uid at a time, shared by every caller that needs it, and kept when it succeeds.</summary>
    private Task<StoredStack?> Refresh(string uid) =>
        refreshing.GetOrAdd(uid, key => new Lazy<Task<StoredStack?>>(() => Observed(ReadAndKeepAsync(key)))).Value;

    // A failed read whose callers were all answered from the old entry, or all gave up, has nobody to await it: its
    // exception is observed here, and the next call reads again (and answers 503 if storage still fails).
    private static Task<StoredStack?> Observed(Task<StoredStack?> read)
    {
        read.ContinueWith(
            static done => _ = done.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return read;
    }

    // Not cancelled with the caller that started it: other callers share it, and the storage client's own timeouts end it.
    private async Task<StoredStack?> ReadAndKeepAsync(string uid)
    {
        try
        {
            var readAt = time.GetTimestamp();
            var stack = await read(uid, CancellationToken.None);
            if (entries.Count >= MaxEntries && !entries.ContainsKey(uid))
            {
                Trim(options.StackCacheDuration);
            }

            entries[uid] = new Entry(stack, readAt);
            return stack;
        }
        finally
        {
            refreshing.TryRemove(uid, out _);
        }
    }

    private void Trim(TimeSpan duration)
    {
        foreach (var (uid, entry) in entries)
        {
            if (time.GetElapsedTime(entry.ReadAt) >= duration)
            {
                entries.TryRemove(uid, out _);
            }
        }

        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }
    }

    private sealed record Entry(StoredStack? Stack, long ReadAt);
}
