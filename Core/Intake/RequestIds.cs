using System.Security.Cryptography;
using System.Text;

namespace Redeploy.Core.Intake;

/// <summary>
/// Request ids: 32 hex characters. A delivery with a delivery id gets an id derived from it, so the same delivery sent
/// twice claims the same row of the requests table; one without gets a random id. On a stack that deploys when CI passes,
/// a commit's request id derives from the commit, so its push and its CI events are one request (CONTRACT §9).
/// </summary>
internal static class RequestIds
{
    public static string ForDelivery(string stackUid, string deliveryId) => Derive($"{stackUid}\n{deliveryId}");

    private static string Derive(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>The request of <paramref name="commit"/> on a stack that deploys on CI; hex commits compare case-insensitively.</summary>
    public static string ForCommit(string stackUid, string commit) => Derive($"{stackUid}\ncommit\n{commit.ToLowerInvariant()}");

    /// <summary>
    /// The submission id of the <paramref name="index"/>th request one delivery makes (a CI event naming several commits):
    /// as unguessable as <paramref name="submissionId"/>, and distinct per request.
    /// </summary>
    public static string ForSubmission(string submissionId, int index) => index == 0 ? submissionId : Derive($"{submissionId}\nsubmission\n{index}");

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsWellFormed(string? id) =>
        id is { Length: 32 } && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
