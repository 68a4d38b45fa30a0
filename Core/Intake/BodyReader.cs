using System.Buffers;

namespace Redeploy.Core.Intake;

/// <summary>Reads a request body into memory up to a limit, and stops reading as soon as the limit is passed.</summary>
public static class BodyReader
{
    public static async Task<Outcome<ReadOnlyMemory<byte>>> ReadAsync(Stream body, long? contentLength, long maxBytes, CancellationToken cancellationToken)
    {
        if (contentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Clamp(contentLength ?? 16 * 1024, 0, maxBytes) + 1);
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return Outcome<ReadOnlyMemory<byte>>.Success(buffer.WrittenMemory);
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return TooLarge(maxBytes);
            }
        }
    }

    private static Failure TooLarge(long maxBytes) =>
        new(FailureKind.TooLarge, $"the body is larger than {maxBytes} bytes (setting Redeploy:MaxPayloadBytes)");
}
