using System.Buffers;

namespace Redeploy.Core.Intake;

/// <summary>
/// Where one instance's body arrays come from. Up to <see cref="BodyBudget.SmallBody"/> they are rented from
/// <see cref="ArrayPool{T}.Shared"/>. Larger ones come from a pool of this instance's own, in whole MiB so that bodies of
/// nearly the same size share arrays, and kept only while the arrays kept plus the bodies in flight fit the budget
/// (<c>Redeploy:MaxBufferedBytes</c>): the shared pool would keep dozens of 8 and 16 MiB arrays per size, memory no budget counts, and not pooling
/// them at all leaves a large object heap of garbage between gen-2 collections (721 MiB peak against 480 MiB in a load run).
/// </summary>
internal sealed class BodyArrays(BodyBudget budget)
{
    private const int Granule = (int)BodyBudget.SmallBody;

    private readonly List<byte[]> kept = [];
    private long keptBytes;

    /// <summary>The bytes of large arrays kept for reuse now.</summary>
    public long KeptBytes => Interlocked.Read(ref keptBytes);

    public byte[] Rent(int length)
    {
        if (length <= BodyBudget.SmallBody)
        {
            return ArrayPool<byte>.Shared.Rent(length);
        }

        var size = (int)Math.Min(((long)length + Granule - 1) / Granule * Granule, Array.MaxLength);
        lock (kept)
        {
            // The smallest kept array that fits, if it wastes at most a quarter: a small body never holds a 10 MiB one.
            var best = -1;
            for (var i = 0; i < kept.Count; i++)
            {
                var candidate = kept[i].Length;
                if (candidate >= size && candidate - size <= size / 4 && (best < 0 || candidate < kept[best].Length))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                var array = kept[best];
                kept[best] = kept[^1];
                kept.RemoveAt(kept.Count - 1);
                keptBytes -= array.Length;
                return array;
            }

            // Kept arrays are outside the budget's count of bodies in flight: drop what no longer fits beside them.
            while (kept.Count > 0 && keptBytes + budget.InFlight + size > budget.MaxBytes)
            {
                keptBytes -= kept[^1].Length;
                kept.RemoveAt(kept.Count - 1);
            }
        }

        return GC.AllocateUninitializedArray<byte>(size);
    }

    /// <summary>Takes an array back once its reservation has left the budget.</summary>
    public void Return(byte[] array)
    {
        // The shared pool only ever hands out arrays of a power-of-two length up to SmallBody here, and this pool only
        // larger ones, so the length says where an array came from.
        if (array.Length <= BodyBudget.SmallBody)
        {
            ArrayPool<byte>.Shared.Return(array);
            return;
        }

        lock (kept)
        {
            if (keptBytes + array.Length + budget.InFlight <= budget.MaxBytes)
            {
                kept.Add(array);
                keptBytes += array.Length;
            }
        }
    }
}
