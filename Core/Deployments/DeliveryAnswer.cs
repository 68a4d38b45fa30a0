namespace Redeploy.Core.Deployments;

/// <summary>How a deployer took a job: accepted, worth another try (after <see cref="RetryAfter"/> if it said), or refused for good.</summary>
public sealed record DeliveryAnswer(DeliveryVerdict Verdict, string Reason, TimeSpan? RetryAfter = null)
{
    public static readonly DeliveryAnswer Accepted = new(DeliveryVerdict.Accepted, "accepted");

    public static DeliveryAnswer Retry(string reason, TimeSpan? retryAfter = null) => new(DeliveryVerdict.Retry, reason, retryAfter);

    public static DeliveryAnswer Refused(string reason) => new(DeliveryVerdict.Refused, reason);
}
