namespace Redeploy.Core.Intake;

/// <summary>
/// One request body in memory from <see cref="BodyArrays"/>, and its share of the <see cref="BodyBudget"/>.
/// The intake disposes it once the answer is made (nothing in an answer refers to it), on every path: the reservation goes back
/// to the budget and the array to its pool.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    private readonly BodyBudget budget;
    private byte[]? buffer;
    private long reserved;

    internal PooledBody(byte[] buffer, int length, BodyBudget budget, long reserved)
    {
        this.buffer = buffer;
        Length = length;
        this.budget = budget;
        this.reserved = reserved;
    }

    public int Length { get; }

    /// <summary>The size of the rented array: what the body holds in memory.</summary>
    internal int Capacity => buffer?.Length ?? 0;

    /// <summary>The body's bytes; not to be used after <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> Memory => (buffer ?? throw new ObjectDisposedException(nameof(PooledBody))).AsMemory(0, Length);

    /// <summary>The same bytes, writable: for a reader that decodes a form body in place once the raw bytes are no longer needed.</summary>
    internal Memory<byte> WritableMemory => (buffer ?? throw new ObjectDisposedException(nameof(PooledBody))).AsMemory(0, Length);

    public void Dispose()
    {
        var rented = Interlocked.Exchange(ref buffer, null);
        if (rented is null)
        {
            return;
        }

        budget.Release(reserved);
        reserved = 0;
        budget.Arrays.Return(rented);
    }
}
