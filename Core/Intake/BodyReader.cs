using Redeploy.Core.Security;

namespace Redeploy.Core.Intake;

/// <summary>
/// Reads a request body into pooled memory up to a limit and a time limit, feeding each chunk to the delivery's
/// <see cref="BodySignature"/> as it arrives. A declared Content-Length (already a cap and a budget reservation) sizes the
/// one array at once; without one the buffer starts small and doubles as bytes arrive. Either way one body is held once,
/// in one array from <see cref="BodyArrays"/>.
/// </summary>
internal static class BodyReader
{
    private const int FirstBuffer = 16 * 1024;

    /// <summary>
    /// The body, or a failure: <see cref="FailureKind.TooLarge"/> past <paramref name="maxBytes"/>,
    /// <see cref="FailureKind.Busy"/> when the <paramref name="budget"/> has no room, <see cref="FailureKind.BodyTimeout"/>
    /// when it has not arrived within <paramref name="timeout"/> or the connection broke. On a failure nothing is held.
    /// Throws <see cref="OperationCanceledException"/> only when <paramref name="callerToken"/> is cancelled.
    /// </summary>
    public static async Task<Outcome<PooledBody>> ReadAsync(
        Stream body,
        long? contentLength,
        long maxBytes,
        BodyBudget budget,
        BodySignature signature,
        TimeSpan timeout,
        TimeProvider time,
        CancellationToken callerToken)
    {
        if (contentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        // One byte past the limit is room enough to see that a body without a declared length is too large, or that a
        // declared one has ended.
        var limit = (int)Math.Min(contentLength ?? maxBytes, maxBytes) + 1;
        long reserved = contentLength is null ? 0 : limit;
        if (!budget.TryReserve(reserved, reserved))
        {
            return Busy(budget);
        }

        byte[]? buffer = null;
        var length = 0;
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, deadline.Token);
        try
        {
            buffer = budget.Arrays.Rent(contentLength is null ? Math.Min(limit, FirstBuffer) : limit);
            if (!Reserve(budget, ref reserved, buffer.Length, contentLength ?? 0))
            {
                return Release(Busy(budget), budget, buffer, reserved);
            }

            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= limit)
                    {
                        // Only a body longer than its declared Content-Length gets here (the server normally stops it first).
                        return Release(Failure.Malformed("the body is longer than its Content-Length"), budget, buffer, reserved);
                    }

                    var grown = budget.Arrays.Rent((int)Math.Min((long)buffer.Length * 2, limit));
                    if (!Reserve(budget, ref reserved, (long)grown.Length + buffer.Length, contentLength ?? length))
                    {
                        budget.Arrays.Return(grown);
                        return Release(Busy(budget), budget, buffer, reserved);
                    }

                    buffer.AsSpan(0, length).CopyTo(grown);
                    budget.Release(reserved - Math.Max(contentLength ?? 0, grown.Length));
                    reserved = Math.Max(contentLength ?? 0, grown.Length);
                    budget.Arrays.Return(buffer);
                    buffer = grown;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), linked.Token);
                if (read == 0)
                {
                    var owned = new PooledBody(buffer, length, budget, reserved);
                    buffer = null;
                    return Outcome<PooledBody>.Success(owned);
                }

                signature.Append(buffer.AsSpan(length, read));
                length += read;
                if (length > maxBytes)
                {
                    return Release(TooLarge(maxBytes), budget, buffer, reserved);
                }
            }
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested && buffer is not null)
        {
            return Release(TimedOut(timeout), budget, buffer, reserved);
        }
        catch (IOException) when (buffer is not null)
        {
            // The connection broke, or the server's own limits (minimum data rate, body size) ended the read.
            return Release(TimedOut(timeout), budget, buffer, reserved);
        }
        catch when (buffer is not null)
        {
            budget.Release(reserved);
            budget.Arrays.Return(buffer);
            throw;
        }
    }

    /// <summary>Makes sure <paramref name="reserved"/> covers <paramref name="needed"/> bytes.</summary>
    private static bool Reserve(BodyBudget budget, ref long reserved, long needed, long bodyBytes)
    {
        if (needed <= reserved)
        {
            return true;
        }

        if (!budget.TryReserve(needed - reserved, bodyBytes))
        {
            return false;
        }

        reserved = needed;
        return true;
    }

    private static Outcome<PooledBody> Release(Failure failure, BodyBudget budget, byte[] buffer, long reserved)
    {
        budget.Release(reserved);
        budget.Arrays.Return(buffer);
        return failure;
    }

    private static Failure TooLarge(long maxBytes) =>
        new(FailureKind.TooLarge, $"the body is larger than {maxBytes} bytes (setting Redeploy:MaxPayloadBytes)");

    private static Failure Busy(BodyBudget budget) =>
        new(FailureKind.Busy, $"too many large bodies are being read at once (setting Redeploy:MaxBufferedBytes, {budget.MaxBytes} bytes); send it again shortly");

    private static Failure TimedOut(TimeSpan timeout) =>
        new(FailureKind.BodyTimeout, $"the body did not arrive in full within {timeout.TotalSeconds:0.#} s (setting Redeploy:BodyReadTimeout)");
}
