namespace Redeploy.Core.Intake;

/// <summary>
/// The bytes of request bodies this instance holds in memory at once (setting <c>Redeploy:MaxBufferedBytes</c>): a body that
/// would pass it is refused with 503 and Retry-After, before it is read where its length is declared. A body under
/// <see cref="SmallBody"/> always gets through (and counts), so that many large bodies cannot starve real pushes.
/// </summary>
public sealed class BodyBudget
{
    /// <summary>Bodies held up to this size are never refused.</summary>
    public const long SmallBody = 1024 * 1024;

    private readonly long maxBytes;
    private long inFlight;

    public BodyBudget(long maxBytes)
    {
        this.maxBytes = maxBytes;
        Arrays = new BodyArrays(this);
    }

    /// <summary>Where this instance's body arrays come from, and go back to.</summary>
    internal BodyArrays Arrays { get; }

    /// <summary>The bytes reserved by bodies being read or handled now.</summary>
    public long InFlight => Interlocked.Read(ref inFlight);

    public long MaxBytes => maxBytes;

    /// <summary>
    /// Reserves <paramref name="bytes"/> more for a body of <paramref name="bodyBytes"/> (declared, or arrived so far); false,
    /// reserving nothing, when the body is not small and the instance's total would pass the budget.
    /// </summary>
    public bool TryReserve(long bytes, long bodyBytes)
    {
        if (bodyBytes < SmallBody)
        {
            Interlocked.Add(ref inFlight, bytes);
            return true;
        }

        var current = Interlocked.Read(ref inFlight);
        while (true)
        {
            if (current + bytes > maxBytes)
            {
                return false;
            }

            var seen = Interlocked.CompareExchange(ref inFlight, current + bytes, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }
    }

    public void Release(long bytes) => Interlocked.Add(ref inFlight, -bytes);
}
