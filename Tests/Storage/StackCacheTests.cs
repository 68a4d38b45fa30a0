using Microsoft.Extensions.Time.Testing;
using Redeploy.Core;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Storage;

public sealed class StackCacheTests
{
    private const string Uid = "0123456789abcdef0123456789abcdef";
    private const string UnknownUid = "ffffffffffffffffffffffffffffffff";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 6, 3, 10, 0, 0, TimeSpan.Zero));
    private readonly Dictionary<string, StoredStack> table = new() { [Uid] = Stored("hash-1") };
    private readonly List<string> reads = [];

    [Fact]
    public async Task FindByUidAsync_CalledAgainWithinDuration_ReadsTheTableOnce()
    {
        var cache = Cache(TimeSpan.FromSeconds(10));

        var first = await cache.FindByUidAsync(Uid, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10 * StackCache.RefreshAheadAt) - TimeSpan.FromMilliseconds(1));
        var second = await cache.FindByUidAsync(Uid, CancellationToken.None);

        Assert.Equal([Uid], reads);
        Assert.Same(first, second);
        Assert.Equal("shop", second!.Name);
    }

    [Fact]
    public async Task FindByUidAsync_TokenRotatedInTheTable_SeenOnlyOnceTheDurationHasPassed()
    {
        var cache = Cache(TimeSpan.FromSeconds(10));
        await cache.FindByUidAsync(Uid, CancellationToken.None);
        table[Uid] = Stored("hash-2");

        time.Advance(TimeSpan.FromSeconds(5));
        var stale = await cache.FindByUidAsync(Uid, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(5));
        var fresh = await cache.FindByUidAsync(Uid, CancellationToken.None);

        Assert.Equal("hash-1", stale!.Tokens[0].Hash);
        Assert.Equal("hash-2", fresh!.Tokens[0].Hash);
        Assert.Equal([Uid, Uid], reads);
    }

    [Fact]
    public async Task FindByUidAsync_UnknownUidCalledRepeatedly_ReadsTheTableOncePerDuration()
    {
        var cache = Cache(TimeSpan.FromSeconds(10));

        for (var call = 0; call < 100; call++)
        {
            Assert.Null(await cache.FindByUidAsync(UnknownUid, CancellationToken.None));
            time.Advance(TimeSpan.FromMilliseconds(50));
        }

        Assert.Equal([UnknownUid], reads);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(await cache.FindByUidAsync(UnknownUid, CancellationToken.None));
        Assert.Equal([UnknownUid, UnknownUid], reads);
    }

    [Fact]
    public async Task FindByUidAsync_StackCreatedAfterAMiss_FoundOnceTheDurationHasPassed()
    {
        var cache = Cache(TimeSpan.FromSeconds(10));
        Assert.Null(await cache.FindByUidAsync(UnknownUid, CancellationToken.None));
        table[UnknownUid] = Stored("hash-3");

        var stillMissing = await cache.FindByUidAsync(UnknownUid, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        var found = await cache.FindByUidAsync(UnknownUid, CancellationToken.None);

        Assert.Null(stillMissing);
        Assert.Equal("hash-3", found!.Tokens[0].Hash);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task FindByUidAsync_DurationZeroOrLess_ReadsTheTableEveryTime(int seconds)
    {
        var cache = Cache(TimeSpan.FromSeconds(seconds));

        await cache.FindByUidAsync(Uid, CancellationToken.None);
        await cache.FindByUidAsync(Uid, CancellationToken.None);
        await cache.FindByUidAsync(UnknownUid, CancellationToken.None);

        Assert.Equal([Uid, Uid, UnknownUid], reads);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task FindByUidAsync_ReadFails_IsNotKeptAndTheNextCallReadsAgain()
    {
        var fail = true;
        var cache = CacheFailingWhile(() => fail);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.FindByUidAsync(Uid, CancellationToken.None).AsTask());
        fail = false;
        var stack = await cache.FindByUidAsync(Uid, CancellationToken.None);

        Assert.Equal("shop", stack!.Name);
        Assert.Equal([Uid, Uid], reads);
    }

    [Fact]
    public async Task FindByUidAsync_FloodOfDistinctUnknownUids_StaysWithinMaxEntries()
    {
        var cache = Cache(TimeSpan.FromSeconds(10));
        await cache.FindByUidAsync(Uid, CancellationToken.None);

        for (var i = 0; i < StackCache.MaxEntries + 500; i++)
        {
            await cache.FindByUidAsync(i.ToString("x32"), CancellationToken.None);
        }

        Assert.InRange(cache.Count, 1, StackCache.MaxEntries);
        Assert.Equal(StackCache.MaxEntries + 501, reads.Count);
    }

    [Fact]
    public async Task FindByUidAsync_FullButEntriesExpired_DropsOnlyTheExpiredOnes()
    {
        var cache = Cache(TimeSpan.FromSeconds(10));
        for (var i = 0; i < StackCache.MaxEntries - 1; i++)
        {
            await cache.FindByUidAsync(i.ToString("x32"), CancellationToken.None);
        }

        time.Advance(TimeSpan.FromSeconds(10));
        await cache.FindByUidAsync(Uid, CancellationToken.None);
        await cache.FindByUidAsync(UnknownUid, CancellationToken.None);
        reads.Clear();
        await cache.FindByUidAsync(Uid, CancellationToken.None);

        Assert.Equal(2, cache.Count);
        Assert.Empty(reads);
    }

    [Fact]
    public async Task FindByUidAsync_ExpiredAndStorageSlow_AnswersFromTheOldEntryWhileOneReadGoesOn()
    {
        var cache = CacheWithSlowReadsAfterTheFirst(out var slowRead);
        await cache.FindByUidAsync(Uid, CancellationToken.None);
        table[Uid] = Stored("hash-2");
        time.Advance(TimeSpan.FromSeconds(10));

        var calls = Enumerable.Range(0, 5).Select(_ => cache.FindByUidAsync(Uid, CancellationToken.None).AsTask()).ToList();

        // The wait is on the cache's clock: more than SlowReadWait of real time changes nothing until that clock moves.
        await Task.Delay(StackCache.SlowReadWait * 1.5);
        Assert.All(calls, call => Assert.False(call.IsCompleted));
        time.Advance(StackCache.SlowReadWait);
        var answers = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(answers, stack => Assert.Equal("hash-1", stack!.Tokens[0].Hash));
        Assert.Equal([Uid, Uid], reads);
        slowRead.SetResult(table[Uid]);
        Assert.Equal("hash-2", (await cache.FindByUidAsync(Uid, CancellationToken.None))!.Tokens[0].Hash);
    }

    [Fact]
    public async Task FindByUidAsync_PastTheRefreshPoint_AnswersFromTheEntryWhileOneReadRenewsIt()
    {
        var cache = CacheWithSlowReadsAfterTheFirst(out var slowRead);
        await cache.FindByUidAsync(Uid, CancellationToken.None);
        table[Uid] = Stored("hash-2");
        time.Advance(TimeSpan.FromSeconds(8.5));

        // Answered at once from the entry though the read it started has not returned (no clock moves, nothing awaited).
        var answers = new[] { cache.FindByUidAsync(Uid, CancellationToken.None), cache.FindByUidAsync(Uid, CancellationToken.None) };
        Assert.All(answers, answer => Assert.True(answer.IsCompletedSuccessfully));
        foreach (var answer in answers)
        {
            Assert.Equal("hash-1", (await answer)!.Tokens[0].Hash);
        }

        Assert.Equal([Uid, Uid], reads);

        slowRead.SetResult(table[Uid]);
        time.Advance(TimeSpan.FromSeconds(2));

        // Past the first read's expiry: the read started at 8.5 s answers (it keeps its entry on another thread), and
        // then the entry it kept answers at once, with no third read.
        Assert.Equal("hash-2", (await cache.FindByUidAsync(Uid, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10)))!.Tokens[0].Hash);
        var renewed = cache.FindByUidAsync(Uid, CancellationToken.None);
        Assert.True(renewed.IsCompletedSuccessfully);
        Assert.Equal("hash-2", (await renewed)!.Tokens[0].Hash);
        Assert.Equal([Uid, Uid], reads);
    }

    [Fact]
    public async Task FindByUidAsync_RefreshAheadFails_KeepsTheEntryAndTheNextCallReadsAgain()
    {
        var fail = false;
        var cache = CacheFailingWhile(() => fail);
        await cache.FindByUidAsync(Uid, CancellationToken.None);
        fail = true;
        time.Advance(TimeSpan.FromSeconds(9));

        var during = await cache.FindByUidAsync(Uid, CancellationToken.None);
        fail = false;
        table[Uid] = Stored("hash-2");
        var after = await cache.FindByUidAsync(Uid, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        var renewed = await cache.FindByUidAsync(Uid, CancellationToken.None);

        Assert.Equal("hash-1", during!.Tokens[0].Hash);
        Assert.Equal("hash-1", after!.Tokens[0].Hash);
        Assert.Equal("hash-2", renewed!.Tokens[0].Hash);
        Assert.Equal([Uid, Uid, Uid], reads);
    }

    [Fact]
    public async Task FindByUidAsync_ExpiredAndCallerCancelled_ThrowsInsteadOfAnsweringFromTheOldEntry()
    {
        var cache = CacheWithSlowReadsAfterTheFirst(out _);
        await cache.FindByUidAsync(Uid, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cache.FindByUidAsync(Uid, new CancellationToken(true)).AsTask());
    }

    [Fact]
    public async Task FindByUidAsync_OneCallerCancelled_OthersStillGetTheSharedRead()
    {
        var slowRead = new TaskCompletionSource<StoredStack?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var readTokens = new List<CancellationToken>();
        var cache = new StackCache(
            (_, token) =>
            {
                readTokens.Add(token);
                return slowRead.Task;
            },
            new RedeployOptions { StackCacheDuration = TimeSpan.FromSeconds(10) },
            time);
        using var cancel = new CancellationTokenSource();

        var cancelled = cache.FindByUidAsync(Uid, cancel.Token).AsTask();
        var other = cache.FindByUidAsync(Uid, CancellationToken.None).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        slowRead.SetResult(table[Uid]);

        Assert.Equal("hash-1", (await other.WaitAsync(TimeSpan.FromSeconds(10)))!.Tokens[0].Hash);
        Assert.False(Assert.Single(readTokens).CanBeCanceled);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task FindByUidAsync_ExpiredLongerThanADurationAgo_WaitsForTheRead()
    {
        var cache = CacheWithSlowReadsAfterTheFirst(out var slowRead);
        await cache.FindByUidAsync(Uid, CancellationToken.None);
        table[Uid] = Stored("hash-2");
        time.Advance(TimeSpan.FromSeconds(20));

        var call = cache.FindByUidAsync(Uid, CancellationToken.None).AsTask();
        time.Advance(StackCache.SlowReadWait * 3);
        await Task.Delay(50);
        Assert.False(call.IsCompleted);
        slowRead.SetResult(table[Uid]);

        Assert.Equal("hash-2", (await call.WaitAsync(TimeSpan.FromSeconds(10)))!.Tokens[0].Hash);
    }

    [Fact]
    public async Task FindByUidAsync_ConcurrentMisses_ShareOneRead()
    {
        var slowRead = new TaskCompletionSource<StoredStack?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var readsStarted = 0;
        var cache = new StackCache(
            (_, _) =>
            {
                Interlocked.Increment(ref readsStarted);
                return slowRead.Task;
            },
            new RedeployOptions { StackCacheDuration = TimeSpan.FromSeconds(10) },
            time);

        var calls = Enumerable.Range(0, 8).Select(_ => cache.FindByUidAsync(UnknownUid, CancellationToken.None).AsTask()).ToList();
        slowRead.SetResult(null);

        Assert.All(await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10)), Assert.Null);
        Assert.Equal(1, readsStarted);
    }

    private StackCache Cache(TimeSpan duration) => new((uid, _) => Read(uid), new RedeployOptions { StackCacheDuration = duration }, time);

    /// <summary>A 10-second cache whose reads throw while <paramref name="failing"/> says so.</summary>
    private StackCache CacheFailingWhile(Func<bool> failing) => new(
        (uid, _) => { reads.Add(uid); return failing() ? throw new InvalidOperationException("storage down") : Task.FromResult<StoredStack?>(table[uid]); },
        new RedeployOptions { StackCacheDuration = TimeSpan.FromSeconds(10) },
        time);

    /// <summary>A 10-second cache whose first read answers from the table and whose later reads wait for <paramref name="slowRead"/>.</summary>
    private StackCache CacheWithSlowReadsAfterTheFirst(out TaskCompletionSource<StoredStack?> slowRead)
    {
        var pending = new TaskCompletionSource<StoredStack?>(TaskCreationOptions.RunContinuationsAsynchronously);
        slowRead = pending;
        return new StackCache(
            (uid, _) =>
            {
                var first = reads.Count == 0;
                reads.Add(uid);
                return first ? Task.FromResult(table.GetValueOrDefault(uid)) : pending.Task;
            },
            new RedeployOptions { StackCacheDuration = TimeSpan.FromSeconds(10) },
            time);
    }

    private Task<StoredStack?> Read(string uid)
    {
        reads.Add(uid);
        return Task.FromResult(table.GetValueOrDefault(uid));
    }

    private static StoredStack Stored(string tokenHash) => new(
        Uid,
        new Stack("shop", StackKind.Docker, [new Service("web", new GitSource("https://github.com/acme/shop.git", "main"))]),
        [new TokenHash(tokenHash)],
        null,
        new Dictionary<string, string>());
}
