using System.Buffers;

namespace Redeploy.Core.Intake;

/// <summary>
/// Where body arrays come from. Up to <see cref="BodyBudget.SmallBody"/> they are rented from
/// <see cref="ArrayPool{T}.Shared"/>; larger ones are allocated at the size asked and dropped when returned, because the
/// shared pool would keep dozens of 8 and 16 MiB arrays per size after an attack, memory the body budget no longer counts.
/// So what the process keeps beyond the bodies in flight (which the budget bounds) is at most the shared pool's small arrays.
/// </summary>
internal static class BodyArrays
{
    public static byte[] Rent(int length) =>
        length <= BodyBudget.SmallBody ? ArrayPool<byte>.Shared.Rent(length) : GC.AllocateUninitializedArray<byte>(length);

    public static void Return(byte[] array)
    {
        // The shared pool only ever hands out arrays of a power-of-two length up to SmallBody here, so the length says
        // where an array came from.
        if (array.Length <= BodyBudget.SmallBody)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
