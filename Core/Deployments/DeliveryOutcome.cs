namespace Redeploy.Core.Deployments;

/// <summary>What one outbox message came to; <see cref="Next"/> is the message of the next attempt, when one was queued.</summary>
public sealed record DeliveryOutcome(DeliveryResult Result, string? Reason = null, ScheduledMessage? Next = null);
