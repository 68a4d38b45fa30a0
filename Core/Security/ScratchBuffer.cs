using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Redeploy.Core.Security;

/// <summary>
/// Scratch space for secret material (keys, tokens, presented credentials): the caller's stack space when it is large
/// enough, a pooled array otherwise. Zeroed on dispose, so no secret lingers in the pool.
/// </summary>
internal ref struct ScratchBuffer
{
    /// <summary>Stack space callers give: enough for the secrets and tokens of ordinary use.</summary>
    public const int StackSize = 256;

    private byte[]? rented;

    public ScratchBuffer(Span<byte> stackSpace, int length)
    {
        if (length <= stackSpace.Length)
        {
            Span = stackSpace[..length];
        }
        else
        {
            rented = ArrayPool<byte>.Shared.Rent(length);
            Span = rented.AsSpan(0, length);
        }
    }

    public Span<byte> Span { get; private set; }

    /// <summary>A buffer holding exactly the UTF-8 bytes of <paramref name="value"/>.</summary>
    public static ScratchBuffer Utf8(string value, Span<byte> stackSpace)
    {
        var buffer = new ScratchBuffer(stackSpace, Encoding.UTF8.GetMaxByteCount(value.Length));
        buffer.Span = buffer.Span[..Encoding.UTF8.GetBytes(value, buffer.Span)];
        return buffer;
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(Span);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
            rented = null;
        }

        Span = default;
    }
}
