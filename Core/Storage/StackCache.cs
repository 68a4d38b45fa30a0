using System.Collections.Concurrent;

namespace Redeploy.Core.Storage;

/// <summary>
/// Stack definitions as the intake reads them, kept for <see cref="RedeployOptions.StackCacheDuration"/>: under load a
/// hook costs no table read per delivery, and an unknown uid called again and again (a stale or guessed URL) costs one
/// read per period, not one per call. A change to a stack (a rotated token, a new secret) is seen within that period.
/// Storage failures are not kept: the next call reads again. Zero or less turns the cache off.
/// </summary>
public sealed class StackCache
{
    /// <summary>
    /// Entries held at most. Distinct unknown uids each take one: when full, expired entries go, and if that is not enough
    /// the whole cache, so that a flood of random URLs costs table reads (as it would without a cache) but not memory.
    /// </summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Func<string, CancellationToken, Task<StoredStack?>> read;
    private readonly RedeployOptions options;
    private readonly TimeProvider time;

    public StackCache(TableStackStore stacks, RedeployOptions options, TimeProvider time)
        : this(stacks.FindByUidAsync, options, time)
    {
    }

    /// <summary>Over any reader of stacks by uid: the tests' stand-in for the table.</summary>
    internal StackCache(Func<string, CancellationToken, Task<StoredStack?>> read, RedeployOptions options, TimeProvider time)
    {
        this.read = read;
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

        if (entries.TryGetValue(uid, out var cached) && time.GetElapsedTime(cached.ReadAt) < duration)
        {
            return cached.Stack;
        }

        var readAt = time.GetTimestamp();
        var stack = await read(uid, cancellationToken);
        if (entries.Count >= MaxEntries && !entries.ContainsKey(uid))
        {
            Trim(duration);
        }

        entries[uid] = new Entry(stack, readAt);
        return stack;
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
