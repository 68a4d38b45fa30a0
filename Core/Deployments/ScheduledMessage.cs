namespace Redeploy.Core.Deployments;

/// <summary>A message put on a queue to become visible after <see cref="Delay"/>; the receipt lets an operator (or a test) move it.</summary>
public sealed record ScheduledMessage(string MessageId, string PopReceipt, TimeSpan Delay);
