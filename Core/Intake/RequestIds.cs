using System.Security.Cryptography;
using System.Text;

namespace Redeploy.Core.Intake;

/// <summary>
/// Request ids: 32 hex characters. A delivery with a delivery id gets an id derived from it, so the same delivery sent
/// twice claims the same row of the requests table; one without gets a random id.
/// </summary>
public static class RequestIds
{
    public static string ForDelivery(string stackUid, string deliveryId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{stackUid}\n{deliveryId}"), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsWellFormed(string? id) =>
        id is { Length: 32 } && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
