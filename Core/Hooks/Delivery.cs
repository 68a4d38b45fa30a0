namespace Redeploy.Core.Hooks;

/// <summary>What a reader made of one delivery: its kind, its delivery id and its pushes.</summary>
/// <param name="Event">The sender's own name for the event (push, ping, issues, repo:push, ...), when it has one.</param>
/// <param name="IgnoredReason">Why a delivery of kind <see cref="DeliveryKind.Ignored"/> is ignored.</param>
public sealed record Delivery(
    Sender Sender,
    DeliveryKind Kind,
    string? DeliveryId,
    string? Event,
    IReadOnlyList<Push> Pushes,
    string? IgnoredReason = null)
{
    public static Delivery Ping(Sender sender, string? deliveryId, string? @event) =>
        new(sender, DeliveryKind.Ping, deliveryId, @event, [], "ping");

    public static Delivery Ignored(Sender sender, string? deliveryId, string? @event, string reason) =>
        new(sender, DeliveryKind.Ignored, deliveryId, @event, [], reason);

    public static Delivery Pushed(Sender sender, string? deliveryId, string? @event, IReadOnlyList<Push> pushes) =>
        new(sender, DeliveryKind.Push, deliveryId, @event, pushes);
}

public enum DeliveryKind
{
    /// <summary>Code was pushed (or a generic call named, or did not name, a commit): a candidate for deployment.</summary>
    Push,

    /// <summary>A hook test: GitHub ping, Bitbucket Server diagnostics:ping.</summary>
    Ping,

    /// <summary>A recognised event that is not a push (issues, pull_request, ...).</summary>
    Ignored,
}
