using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Intake;
using Redeploy.Core.Security;
using Redeploy.Tests.Integration;
using Xunit;

namespace Redeploy.Tests.Intake;

public sealed class BodyReaderTests
{
    private const long Max = 10 * 1024 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(100, 128)]
    [InlineData(3_000_000, 3 * 1024 * 1024)]
    public async Task Read_DeclaredLength_OneArrayOfThatLengthAndTheByteThatShowsTheEnd(int declared, int capacity)
    {
        var budget = new BodyBudget(256L * 1024 * 1024);
        using var signature = BodySignature.Decided(SignatureCheck.NotRequired);

        var read = await BodyReader.ReadAsync(new TrickleStream(new byte[declared], 64 * 1024), declared, Max, budget, signature, Timeout, TimeProvider.System, CancellationToken.None);

        // Small bodies come from the shared pool (power-of-two sizes); a large one from the budget's own, in whole MiB.
        using var body = read.Value;
        Assert.Equal(declared, body.Length);
        Assert.Equal(capacity, body.Capacity);
        Assert.Equal(capacity, budget.InFlight);
    }

    [Fact]
    public async Task Read_LargeBodyAfterAnother_ReusesItsArray()
    {
        var budget = new BodyBudget(256L * 1024 * 1024);

        var first = await ReadAsync(budget, 3_000_000);
        var firstArray = ArrayOf(first);
        first.Dispose();
        Assert.Equal(3 * 1024 * 1024, budget.Arrays.KeptBytes);
        using var second = await ReadAsync(budget, 2_900_000);

        Assert.Same(firstArray, ArrayOf(second));
        Assert.Equal(0, budget.Arrays.KeptBytes);
    }

    [Fact]
    public async Task Read_LargeBodyBesideKeptArrays_KeptArraysDroppedToStayWithinTheBudget()
    {
        var budget = new BodyBudget(8 * BodyBudget.SmallBody);

        var kept = await ReadAndDisposeAsync(budget, 3_000_000);
        Assert.Equal(3 * BodyBudget.SmallBody, budget.Arrays.KeptBytes);
        var larger = await ReadAsync(budget, 6_000_000);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.Equal(0, budget.Arrays.KeptBytes);
        Assert.False(kept.IsAlive);
        Assert.True(budget.Arrays.KeptBytes + budget.InFlight <= budget.MaxBytes);
        larger.Dispose();
        Assert.Equal(0, budget.InFlight);
        Assert.Equal(6 * BodyBudget.SmallBody, budget.Arrays.KeptBytes);
    }

    private static async Task<PooledBody> ReadAsync(BodyBudget budget, int length)
    {
        using var signature = BodySignature.Decided(SignatureCheck.NotRequired);
        return (await BodyReader.ReadAsync(new MemoryStream(new byte[length]), length, Max, budget, signature, Timeout, TimeProvider.System, CancellationToken.None)).Value;
    }

    private static byte[] ArrayOf(PooledBody body)
    {
        Assert.True(MemoryMarshal.TryGetArray(body.Memory, out var segment));
        return segment.Array!;
    }

    [Fact]
    public async Task Dispose_SmallBody_BackToTheSharedPoolNotTheBudgets()
    {
        var budget = new BodyBudget(256L * 1024 * 1024);

        (await ReadAsync(budget, 100_000)).Dispose();

        Assert.Equal(0, budget.Arrays.KeptBytes);
        Assert.Equal(0, budget.InFlight);
    }

    /// <summary>A weak reference to the array that held a body of <paramref name="length"/> bytes, read and disposed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> ReadAndDisposeAsync(BodyBudget budget, int length)
    {
        var body = await ReadAsync(budget, length);
        var array = new WeakReference(ArrayOf(body));
        body.Dispose();
        return array;
    }

    [Fact]
    public async Task Read_UndeclaredLargeBody_GrowsPastTheSharedPoolAndReturnsEverything()
    {
        var bytes = RandomNumberGenerator.GetBytes(3_000_000);
        var budget = new BodyBudget(256L * 1024 * 1024);
        using var signature = BodySignature.Decided(SignatureCheck.NotRequired);

        var read = await BodyReader.ReadAsync(new TrickleStream(bytes, 100_000), null, Max, budget, signature, Timeout, TimeProvider.System, CancellationToken.None);

        Assert.Equal(bytes, read.Value.Memory.ToArray());
        Assert.Equal(read.Value.Capacity, budget.InFlight);
        read.Value.Dispose();
        Assert.Equal(0, budget.InFlight);
    }

    [Fact]
    public async Task Read_BodyLongerThanItsDeclaredLength_MalformedAndNothingHeld()
    {
        var budget = new BodyBudget(256L * 1024 * 1024);
        using var signature = BodySignature.Decided(SignatureCheck.NotRequired);

        // 100 bytes declared rent 128 from the shared pool; 40,000 arrive and fill it.
        var read = await BodyReader.ReadAsync(new MemoryStream(new byte[40_000]), 100, Max, budget, signature, Timeout, TimeProvider.System, CancellationToken.None);

        Assert.False(read.Succeeded);
        Assert.Equal(FailureKind.Malformed, read.Failure!.Kind);
        Assert.Equal(0, budget.InFlight);
    }

    [Fact]
    public async Task Read_BodyWithoutDeclaredLength_GrowsWithTheBytesAndKeepsThem()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var budget = new BodyBudget(256L * 1024 * 1024);
        using var signature = BodySignature.Decided(SignatureCheck.NotRequired);

        var read = await BodyReader.ReadAsync(new MemoryStream(bytes), null, Max, budget, signature, Timeout, TimeProvider.System, CancellationToken.None);

        using var body = read.Value;
        Assert.Equal(bytes, body.Memory.ToArray());
        Assert.True(body.Capacity < 2 * bytes.Length, $"capacity {body.Capacity}");
        Assert.Equal(body.Capacity, budget.InFlight);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Read_AnyOutcome_ReturnsTheBudgetWhenDone(bool declareLength)
    {
        var budget = new BodyBudget(256L * 1024 * 1024);
        using var signature = BodySignature.Decided(SignatureCheck.NotRequired);
        var bytes = new byte[3 * 1024 * 1024];

        var read = await BodyReader.ReadAsync(new MemoryStream(bytes), declareLength ? bytes.Length : null, Max, budget, signature, Timeout, TimeProvider.System, CancellationToken.None);
        read.Value.Dispose();
        read.Value.Dispose();
        var tooLarge = await BodyReader.ReadAsync(new MemoryStream(bytes), declareLength ? bytes.Length : null, 1024 * 1024, budget, signature, Timeout, TimeProvider.System, CancellationToken.None);
        var broken = await BodyReader.ReadAsync(new FailingStream(), null, Max, budget, signature, Timeout, TimeProvider.System, CancellationToken.None);

        Assert.Equal(FailureKind.TooLarge, tooLarge.Failure!.Kind);
        Assert.Equal(FailureKind.BodyTimeout, broken.Failure!.Kind);
        Assert.Equal(0, budget.InFlight);
    }

    [Fact]
    public async Task Read_CallerGoesAway_ThrowsAndReturnsTheBudget()
    {
        var budget = new BodyBudget(256L * 1024 * 1024);
        using var signature = BodySignature.Decided(SignatureCheck.NotRequired);
        using var caller = new CancellationTokenSource();
        var stream = new StallingStream([1, 2, 3]);

        var reading = BodyReader.ReadAsync(stream, 5_000_000, Max, budget, signature, Timeout, TimeProvider.System, caller.Token);
        await stream.Stalled;
        caller.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        Assert.Equal(0, budget.InFlight);
    }

    [Fact]
    public async Task Read_StallingBody_TimesOutOnItsOwnClock()
    {
        var time = new FakeTimeProvider();
        var budget = new BodyBudget(256L * 1024 * 1024);
        using var signature = BodySignature.Decided(SignatureCheck.NotRequired);
        var stream = new StallingStream([1, 2, 3]);

        var reading = BodyReader.ReadAsync(stream, null, Max, budget, signature, Timeout, time, CancellationToken.None);
        await stream.Stalled;
        time.Advance(Timeout);
        var read = await reading;

        Assert.Equal(FailureKind.BodyTimeout, read.Failure!.Kind);
        Assert.Equal(0, budget.InFlight);
    }

    [Fact]
    public async Task Read_LargeBodyPastTheBudget_RefusedBeforeAByteIsRead()
    {
        var budget = new BodyBudget(4 * BodyBudget.SmallBody);
        using var signature = BodySignature.Decided(SignatureCheck.NotRequired);
        Assert.True(budget.TryReserve(3 * BodyBudget.SmallBody, 0));
        var large = new WatchedStream(new byte[2 * BodyBudget.SmallBody]);

        var refused = await BodyReader.ReadAsync(large, large.Length, Max, budget, signature, Timeout, TimeProvider.System, CancellationToken.None);
        var small = await BodyReader.ReadAsync(new MemoryStream(new byte[900_000]), null, Max, budget, signature, Timeout, TimeProvider.System, CancellationToken.None);

        Assert.Equal(FailureKind.Busy, refused.Failure!.Kind);
        Assert.Equal(0, large.BytesRead);
        Assert.True(small.Succeeded);
        small.Value.Dispose();
        Assert.Equal(3 * BodyBudget.SmallBody, budget.InFlight);
    }

    [Fact]
    public async Task Read_SignedBodyInSmallChunks_SignatureKnownAtTheLastByte()
    {
        var bytes = Encoding.UTF8.GetBytes(Payloads.GitHubPush());
        var headers = new HookHeaders([KeyValuePair.Create("X-Hub-Signature-256", Payloads.Sign("s3cr3t", Payloads.GitHubPush()))]);
        var wrong = new HookHeaders([KeyValuePair.Create("X-Hub-Signature-256", Payloads.Sign("other", Payloads.GitHubPush()))]);
        using var valid = SignatureVerifier.Start(Sender.GitHub, headers, "s3cr3t", DateTimeOffset.UtcNow);
        using var invalid = SignatureVerifier.Start(Sender.GitHub, wrong, "s3cr3t", DateTimeOffset.UtcNow);
        var budget = new BodyBudget(256L * 1024 * 1024);

        using var first = (await BodyReader.ReadAsync(new TrickleStream(bytes, 7), null, Max, budget, valid, Timeout, TimeProvider.System, CancellationToken.None)).Value;
        using var second = (await BodyReader.ReadAsync(new TrickleStream(bytes, 7), null, Max, budget, invalid, Timeout, TimeProvider.System, CancellationToken.None)).Value;

        Assert.Null(valid.Known);
        Assert.Equal(SignatureCheck.Valid, valid.Finish());
        Assert.Equal(SignatureCheck.SignatureMismatch, invalid.Finish());
    }

    private sealed class FailingStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new IOException("connection reset");
    }

    /// <summary>Gives at most <paramref name="chunk"/> bytes per read, as a slow network does.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
