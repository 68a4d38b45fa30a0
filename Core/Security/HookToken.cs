using System.Security.Cryptography;

namespace Redeploy.Core.Security;

/// <summary>Hook tokens and stack uids: 32 lowercase hex characters from a cryptographic RNG; only SHA-256 hashes of tokens are stored.</summary>
internal static class HookToken
{
    /// <summary>Characters in a token or a stack uid.</summary>
    public const int Length = 32;

    // A stack holds at most two tokens (the current one and one being rotated out). Every check compares against at least
    // this many hashes, so that a stack with one token, a stack with two and an unknown stack all cost the same.
    private const int ComparedHashes = StackTokens.MaxHashes;

    private const int HashBytes = SHA256.HashSizeInBytes;

    // Stands in for a malformed presented token, so that it is hashed like any other (same length, same work).
    private const string DecoyToken = "00000000000000000000000000000000";

    // Stands in for a missing or unreadable stored hash, and is decoded like a stored one so that the work is the same.
    // Random per process: no presented token can be made to hit it, and a hit would not count anyway.
    private static readonly string DecoyHash = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(HashBytes));

    /// <summary>A new hook token: 16 random bytes as 32 lowercase hex characters.</summary>
    public static string New() => RandomHex();

    /// <summary>A new stack uid, in the same format as a token.</summary>
    public static string NewStackUid() => RandomHex();

    /// <summary>True when <paramref name="value"/> is exactly 32 lowercase hex characters.</summary>
    public static bool IsWellFormed(string? value)
    {
        if (value is null || value.Length != Length)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The form in which a token is stored: lowercase hex SHA-256 of its UTF-8 bytes (64 characters).</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        Span<byte> hash = stackalloc byte[HashBytes];
        HashInto(token, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// True when the hash of <paramref name="presentedToken"/> equals one of <paramref name="storedHashes"/>. Compares in
    /// constant time against every stored hash, with no early exit; a malformed token is false after the same work.
    /// </summary>
    public static bool Matches(string? presentedToken, IReadOnlyList<string> storedHashes)
    {
        ArgumentNullException.ThrowIfNull(storedHashes);
        return Compare(presentedToken, storedHashes);
    }

    /// <summary>
    /// Does the work of <see cref="Matches"/> against decoy hashes and discards the result. The unknown-stack path calls it,
    /// so that an unknown stack and a wrong token take the same time (CONTRACT §1).
    /// </summary>
    public static void MatchAgainstDecoys(string? presentedToken) => _ = Compare(presentedToken, []);

    private static bool Compare(string? presentedToken, IReadOnlyList<string> storedHashes)
    {
        var wellFormed = IsWellFormed(presentedToken);
        Span<byte> presented = stackalloc byte[HashBytes];
        HashInto(wellFormed ? presentedToken! : DecoyToken, presented);

        Span<byte> stored = stackalloc byte[HashBytes];
        var matched = false;
        var count = Math.Max(storedHashes.Count, ComparedHashes);
        for (var i = 0; i < count; i++)
        {
            var readable = i < storedHashes.Count && TryDecode(storedHashes[i], stored);
            if (!readable)
            {
                _ = TryDecode(DecoyHash, stored);
            }

            // Non-short-circuit '&' and '|': every comparison runs, whatever came before.
            matched |= CryptographicOperations.FixedTimeEquals(presented, stored) & readable;
        }

        return matched & wellFormed;
    }

    private static bool TryDecode(string? storedHash, Span<byte> destination) =>
        storedHash is { Length: HashBytes * 2 }
        && Convert.FromHexString(storedHash, destination, out _, out var written) == System.Buffers.OperationStatus.Done
        && written == HashBytes;

    private static void HashInto(string token, Span<byte> destination)
    {
        using var bytes = ScratchBuffer.Utf8(token, stackalloc byte[ScratchBuffer.StackSize]);
        SHA256.HashData(bytes.Span, destination);
    }

    private static string RandomHex()
    {
        Span<byte> bytes = stackalloc byte[Length / 2];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
