namespace Redeploy.Core.Hooks;

/// <summary>What a reader made of one delivery: its kind, its delivery id and its pushes.</summary>
/// <param name="Event">The sender's own name for the event (push, ping, issues, repo:push, ...), when it has one.</param>
/// <param name="IgnoredReason">Why a delivery of kind <see cref="DeliveryKind.Ignored"/> is ignored.</param>
/// <param name="Ci">The finished check of a <see cref="DeliveryKind.CiResult"/>; its pushes name the commit it ran on.</param>
/// <param name="Deployment">The GitHub deployment of a <see cref="DeliveryKind.DeploymentRequest"/>.</param>
public sealed record Delivery(
    Sender Sender,
    DeliveryKind Kind,
    string? DeliveryId,
    string? Event,
    IReadOnlyList<Push> Pushes,
    string? IgnoredReason = null,
    CiCheck? Ci = null,
    GitHubDeploymentEvent? Deployment = null)
{
    public static Delivery Ping(Sender sender, string? deliveryId, string? @event) =>
        new(sender, DeliveryKind.Ping, deliveryId, @event, [], "ping");

    public static Delivery Ignored(Sender sender, string? deliveryId, string? @event, string reason) =>
        new(sender, DeliveryKind.Ignored, deliveryId, @event, [], reason);

    public static Delivery Pushed(Sender sender, string? deliveryId, string? @event, IReadOnlyList<Push> pushes) =>
        new(sender, DeliveryKind.Push, deliveryId, @event, pushes);

    /// <summary>A finished CI run: one push per branch it names (or one without a branch), each with the commit.</summary>
    public static Delivery CiFinished(Sender sender, string? deliveryId, string? @event, CiCheck check, IReadOnlyList<Push> pushes) =>
        new(sender, DeliveryKind.CiResult, deliveryId, @event, pushes, Ci: check);

    /// <summary>A GitHub <c>deployment</c> event (action created): one push of its repository, ref and commit.</summary>
    public static Delivery DeploymentRequested(Sender sender, string? deliveryId, string? @event, GitHubDeploymentEvent deployment, Push push) =>
        new(sender, DeliveryKind.DeploymentRequest, deliveryId, @event, [push], Deployment: deployment);
}

public enum DeliveryKind
{
    /// <summary>Code was pushed (or a generic call named, or did not name, a commit): a candidate for deployment.</summary>
    Push,

    /// <summary>A hook test: GitHub ping, Bitbucket Server diagnostics:ping.</summary>
    Ping,

    /// <summary>A recognised event that is not a push (issues, pull_request, ...).</summary>
    Ignored,

    /// <summary>A CI run, check or commit status that finished, with success or failure (CONTRACT §9).</summary>
    CiResult,

    /// <summary>A GitHub deployment created by someone else than Redeploy, asking for a deploy (CONTRACT §8).</summary>
    DeploymentRequest,
}
