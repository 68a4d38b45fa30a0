namespace Redeploy.Core.Storage;

/// <summary>A stored SHA-256 hash of a hook token; a rotated-out token carries the time it stops working.</summary>
public sealed record TokenHash(string Hash, DateTimeOffset? ExpiresAt = null)
{
    public bool IsValidAt(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;
}
