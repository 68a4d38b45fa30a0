using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using Redeploy.Core;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Storage;

/// <summary>The stack cache over a table of stacks with the uid set on: an unknown uid costs no table read (CONTRACT §1).</summary>
public sealed class KnownStackUidsTests
{
    private const string Uid = "0123456789abcdef0123456789abcdef";
    private const string UnknownUid = "ffffffffffffffffffffffffffffffff";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 6, 3, 10, 0, 0, TimeSpan.Zero));
    private readonly Dictionary<string, StoredStack> table = new() { [Uid] = Stored(Uid) };
    private readonly KnownStackUids known = new();
    private readonly List<string> reads = [];
    private int lists;
    private bool listFails;

    [Fact]
    public async Task FindByUidAsync_UnknownUidOnceTheSetIsLoaded_MakesNoTableRead()
    {
        var cache = Cache(Duration);
        Assert.NotNull(await cache.FindByUidAsync(Uid, CancellationToken.None));

        for (var call = 0; call < 100; call++)
        {
            Assert.Null(await cache.FindByUidAsync(call.ToString("x32"), CancellationToken.None));
        }

        Assert.Equal([Uid], reads);
        Assert.Equal(1, lists);
    }

    [Fact]
    public async Task FindByUidAsync_StackSavedInThisProcess_FoundAtOnce()
    {
        var cache = Cache(Duration);
        Assert.Null(await cache.FindByUidAsync(UnknownUid, CancellationToken.None));

        table[UnknownUid] = Stored(UnknownUid);
        known.Add(UnknownUid);

        Assert.Equal(UnknownUid, (await cache.FindByUidAsync(UnknownUid, CancellationToken.None))?.Uid);
        Assert.Equal(1, lists);
    }

    [Fact]
    public async Task FindByUidAsync_StackCreatedByAnotherProcess_FoundOnceTheSetIsRefreshed()
    {
        var cache = Cache(Duration);
        Assert.Null(await cache.FindByUidAsync(UnknownUid, CancellationToken.None));
        table[UnknownUid] = Stored(UnknownUid);

        time.Advance(Duration - TimeSpan.FromMilliseconds(1));
        Assert.Null(await cache.FindByUidAsync(UnknownUid, CancellationToken.None));
        Assert.Equal(1, lists);

        time.Advance(TimeSpan.FromMilliseconds(1));
        var found = await PollAsync(() => cache.FindByUidAsync(UnknownUid, CancellationToken.None).AsTask());

        Assert.Equal(UnknownUid, found.Uid);
        Assert.Equal(2, lists);
    }

    [Fact]
    public async Task FindByUidAsync_StackCreatedElsewhereWhileIdle_FoundOnItsFirstCall()
    {
        var cache = Cache(Duration);
        Assert.NotNull(await cache.FindByUidAsync(Uid, CancellationToken.None));
        table[UnknownUid] = Stored(UnknownUid);

        // Long after the last load, with no call in between: the first push to the new stack must not be a 404.
        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(UnknownUid, (await cache.FindByUidAsync(UnknownUid, CancellationToken.None))?.Uid);
        Assert.Equal(2, lists);
    }

    [Fact]
    public async Task FindByUidAsync_RefreshFails_TheOldSetGoesOnAnsweringAndTheTableIsListedAgainOnlyAfterThePause()
    {
        var cache = Cache(Duration);
        Assert.NotNull(await cache.FindByUidAsync(Uid, CancellationToken.None));
        listFails = true;
        time.Advance(Duration);

        // The first call past the period starts a refresh, which fails; every call meanwhile is answered from the old set.
        Assert.Null(await cache.FindByUidAsync(UnknownUid, CancellationToken.None));
        for (var call = 0; call < 50; call++)
        {
            Assert.NotNull(await cache.FindByUidAsync(Uid, CancellationToken.None));
            Assert.Null(await cache.FindByUidAsync(UnknownUid, CancellationToken.None));
        }

        var listsInPause = lists;
        time.Advance(KnownStackUids.FailedLoadPause);
        Assert.Null(await cache.FindByUidAsync(UnknownUid, CancellationToken.None));

        Assert.Equal(2, listsInPause);
        Assert.Equal(3, lists);
        Assert.DoesNotContain(UnknownUid, reads);
    }

    [Fact]
    public async Task FindByUidAsync_FirstLoadFails_ThrowsAtOnceDuringThePauseAndLoadsAgainAfterIt()
    {
        var cache = Cache(Duration);
        listFails = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.FindByUidAsync(UnknownUid, CancellationToken.None).AsTask());
        listFails = false;
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.FindByUidAsync(Uid, CancellationToken.None).AsTask());
        var listsInPause = lists;
        time.Advance(KnownStackUids.FailedLoadPause);

        Assert.Null(await cache.FindByUidAsync(UnknownUid, CancellationToken.None));
        Assert.NotNull(await cache.FindByUidAsync(Uid, CancellationToken.None));
        Assert.Equal(1, listsInPause);
        Assert.Equal(2, lists);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task FindByUidAsync_CacheOff_ReadsTheTableEveryTimeAndListsNothing(int seconds)
    {
        var cache = Cache(TimeSpan.FromSeconds(seconds));

        await cache.FindByUidAsync(Uid, CancellationToken.None);
        await cache.FindByUidAsync(UnknownUid, CancellationToken.None);
        await cache.FindByUidAsync(UnknownUid, CancellationToken.None);

        Assert.Equal([Uid, UnknownUid, UnknownUid], reads);
        Assert.Equal(0, lists);
    }

    private StackCache Cache(TimeSpan duration) => new(
        (uid, _) =>
        {
            reads.Add(uid);
            return Task.FromResult(table.GetValueOrDefault(uid));
        },
        List,
        known,
        new RedeployOptions { StackCacheDuration = duration },
        time);

    private async IAsyncEnumerable<string> List([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref lists);
        await Task.Yield();
        if (listFails)
        {
            throw new InvalidOperationException("storage down");
        }

        foreach (var uid in table.Keys.ToList())
        {
            yield return uid;
        }
    }

    /// <summary>The background refresh runs on the thread pool: wait (at most 5 s) for the answer it makes possible.</summary>
    private static async Task<StoredStack> PollAsync(Func<Task<StoredStack?>> find)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            if (await find() is { } stack)
            {
                return stack;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("the refresh never made the stack known");
    }

    private static StoredStack Stored(string uid) => new(
        uid,
        new Stack("shop", StackKind.Docker, [new Service("web", new GitSource("https://github.com/acme/shop.git", "main"))]),
        [new TokenHash("hash")],
        null,
        new Dictionary<string, string>());
}
