using System.Globalization;
using System.Security.Cryptography;

namespace Redeploy.Core.Security;

/// <summary>
/// Standard Webhooks signatures (https://www.standardwebhooks.com), the scheme for generic senders: curl, a CI job.
/// The signed content is <c>{webhook-id}.{webhook-timestamp}.{body}</c>, signed with HMAC-SHA256.
/// </summary>
/// <remarks>
/// The key is the secret without its <c>whsec_</c> prefix, base64-decoded, as the specification's libraries do. A
/// secret without that prefix is used as its UTF-8 bytes, so that a plain passphrase works with
/// <c>openssl dgst -sha256 -hmac &lt;secret&gt;</c>.
/// </remarks>
internal static class StandardWebhooks
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>Prefix of a secret whose remainder is the base64 key.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>How far webhook-timestamp may be from now, either way.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private const string Version1 = "v1,";
    private const int HmacBytes = HMACSHA256.HashSizeInBytes;

    /// <summary>The <c>webhook-signature</c> value (<c>v1,&lt;base64&gt;</c>) of a delivery, for a sender or a test.</summary>
    /// <exception cref="FormatException">A <c>whsec_</c> secret whose remainder is not base64.</exception>
    public static string Sign(string id, DateTimeOffset timestamp, ReadOnlySpan<byte> body, string secret)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> mac = stackalloc byte[HmacBytes];
        var seconds = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        if (!TryComputeMac(id, seconds, body, secret, mac))
        {
            throw new FormatException($"A secret starting with {SecretPrefix} must continue in base64.");
        }

        return Version1 + Convert.ToBase64String(mac);
    }

    /// <summary>
    /// Checks the three headers. The signature is checked before the timestamp, so
    /// <see cref="SignatureCheck.TimestampOutOfRange"/> means an authentic but stale (perhaps replayed) delivery.
    /// </summary>
    internal static SignatureCheck Verify(
        string? id, string? timestamp, string? signature, string secret, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        using var check = Start(id, timestamp, signature, secret, now);
        check.Append(body);
        return check.Finish();
    }

    /// <summary>Starts the check of a delivery whose body is still to come (<see cref="BodySignature"/>).</summary>
    internal static BodySignature Start(string? id, string? timestamp, string? signature, string secret, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(signature))
        {
            return BodySignature.Decided(SignatureCheck.MissingSignature);
        }

        if (string.IsNullOrEmpty(id)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return BodySignature.Decided(SignatureCheck.SignatureMismatch);
        }

        var hmac = StartMac(id, timestamp, secret);
        return hmac is null
            ? BodySignature.Decided(SignatureCheck.SignatureMismatch)
            : BodySignature.StandardWebhooks(hmac, signature, seconds, now);
    }

    /// <summary>Compares against every <c>v1</c> entry, without early exit; other versions are ignored.</summary>
    internal static bool AnyVersion1Matches(string signature, ReadOnlySpan<byte> expected)
    {
        Span<byte> presented = stackalloc byte[HmacBytes];
        var matched = false;
        var entries = signature.AsSpan();
        foreach (var range in entries.Split(' '))
        {
            var entry = entries[range];
            if (!entry.StartsWith(Version1, StringComparison.Ordinal))
            {
                continue;
            }

            var decoded = Convert.TryFromBase64Chars(entry[Version1.Length..], presented, out var written)
                && written == HmacBytes;
            matched |= CryptographicOperations.FixedTimeEquals(presented, expected) & decoded;
            presented.Clear();
        }

        return matched;
    }

    private static bool TryComputeMac(string id, string timestamp, ReadOnlySpan<byte> body, string secret, Span<byte> mac)
    {
        using var hmac = StartMac(id, timestamp, secret);
        if (hmac is null)
        {
            return false;
        }

        hmac.AppendData(body);
        return hmac.TryGetHashAndReset(mac, out var written) && written == HmacBytes;
    }

    /// <summary>The HMAC with <c>{id}.{timestamp}.</c> appended, the body still to come; null for a malformed <c>whsec_</c> secret.</summary>
    private static IncrementalHash? StartMac(string id, string timestamp, string secret)
    {
        using var key = new ScratchBuffer(stackalloc byte[ScratchBuffer.StackSize], System.Text.Encoding.UTF8.GetMaxByteCount(secret.Length));
        if (!TryReadKey(secret, key.Span, out var keyLength))
        {
            return null;
        }

        var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.Span[..keyLength]);
        using (var idBytes = ScratchBuffer.Utf8(id, stackalloc byte[ScratchBuffer.StackSize]))
        {
            hmac.AppendData(idBytes.Span);
        }

        ReadOnlySpan<byte> dot = "."u8;
        hmac.AppendData(dot);
        using (var timestampBytes = ScratchBuffer.Utf8(timestamp, stackalloc byte[ScratchBuffer.StackSize]))
        {
            hmac.AppendData(timestampBytes.Span);
        }

        hmac.AppendData(dot);
        return hmac;
    }

    /// <summary>Writes the key into <paramref name="destination"/> (sized for the UTF-8 of the secret).</summary>
    private static bool TryReadKey(string secret, Span<byte> destination, out int length)
    {
        if (secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            // A malformed whsec_ secret is a configuration error; it verifies nothing, rather than falling back.
            return Convert.TryFromBase64Chars(secret.AsSpan(SecretPrefix.Length), destination, out length) && length > 0;
        }

        length = System.Text.Encoding.UTF8.GetBytes(secret, destination);
        return length > 0;
    }
}
