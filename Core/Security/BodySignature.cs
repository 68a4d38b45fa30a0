using System.Security.Cryptography;

namespace Redeploy.Core.Security;

/// <summary>
/// A delivery's credential checked as its body streams in: the headers are read first (<see cref="SignatureVerifier.Start"/>),
/// the body's bytes are appended as they arrive, and <see cref="Finish"/> gives the answer at the last byte. Where the headers
/// alone decide (no secret, no signature, a GitLab token, an Azure DevOps password, a signature that cannot be parsed),
/// <see cref="Known"/> holds the answer before a byte of the body is read, and appending does nothing.
/// </summary>
public sealed class BodySignature : IDisposable
{
    private const int HmacBytes = HMACSHA256.HashSizeInBytes;

    private readonly IncrementalHash? hmac;
    private readonly byte[]? presented;
    private readonly string? standardWebhooksSignatures;
    private readonly long timestamp;
    private readonly DateTimeOffset now;

    private BodySignature(SignatureCheck known) => Known = known;

    private BodySignature(IncrementalHash hmac, byte[] presented)
    {
        this.hmac = hmac;
        this.presented = presented;
    }

    private BodySignature(IncrementalHash hmac, string signatures, long timestamp, DateTimeOffset now)
    {
        this.hmac = hmac;
        standardWebhooksSignatures = signatures;
        this.timestamp = timestamp;
        this.now = now;
    }

    /// <summary>The answer when the headers alone decide it; null while the body is needed.</summary>
    public SignatureCheck? Known { get; }

    /// <summary>An answer the headers decided.</summary>
    public static BodySignature Decided(SignatureCheck check) => new(check);

    /// <summary>HMAC-SHA256 of the body, compared with <paramref name="presentedMac"/> (32 bytes) at the end.</summary>
    internal static BodySignature Hmac(ReadOnlySpan<byte> key, byte[] presentedMac) =>
        new(IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key), presentedMac);

    /// <summary>Standard Webhooks: the HMAC has had <c>{id}.{timestamp}.</c> appended; the body follows.</summary>
    internal static BodySignature StandardWebhooks(IncrementalHash started, string signatures, long timestamp, DateTimeOffset now) =>
        new(started, signatures, timestamp, now);

    /// <summary>Appends the next bytes of the body.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (Known is null)
        {
            hmac!.AppendData(data);
        }
    }

    /// <summary>The answer, once the whole body was appended. Call it once.</summary>
    public SignatureCheck Finish()
    {
        if (Known is { } known)
        {
            return known;
        }

        Span<byte> expected = stackalloc byte[HmacBytes];
        if (!hmac!.TryGetHashAndReset(expected, out var written) || written != HmacBytes)
        {
            return SignatureCheck.SignatureMismatch;
        }

        if (presented is not null)
        {
            return CryptographicOperations.FixedTimeEquals(presented, expected) ? SignatureCheck.Valid : SignatureCheck.SignatureMismatch;
        }

        if (!Security.StandardWebhooks.AnyVersion1Matches(standardWebhooksSignatures!, expected))
        {
            return SignatureCheck.SignatureMismatch;
        }

        // Checked after the signature, so that TimestampOutOfRange means an authentic but stale (perhaps replayed) delivery.
        // The timestamp parsed without a sign: the subtraction cannot overflow.
        var skew = Math.Abs(now.ToUnixTimeSeconds() - timestamp);
        return skew <= (long)Security.StandardWebhooks.Tolerance.TotalSeconds ? SignatureCheck.Valid : SignatureCheck.TimestampOutOfRange;
    }

    public void Dispose() => hmac?.Dispose();
}
