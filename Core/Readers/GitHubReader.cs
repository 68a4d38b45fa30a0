using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// GitHub deliveries, named by <c>X-GitHub-Event</c>: <c>push</c> gives one push, <c>ping</c> a ping, the CI events
/// (<c>workflow_run</c>, <c>check_suite</c>, <c>status</c>) are read by <see cref="GitHubCiReader"/>, every other event is
/// ignored with its name.
/// </summary>
internal sealed class GitHubReader : IDeliveryReader
{
    public Outcome<Delivery> Read(HookRequest request, RootObject root)
    {
        var deliveryId = request.Headers["X-GitHub-Delivery"];
        var @event = request.Headers["X-GitHub-Event"];
        if (string.IsNullOrEmpty(@event))
        {
            return Failure.Malformed("the X-GitHub-Event header is missing");
        }

        return Outcome<Delivery>.Success(@event switch
        {
            "push" => Delivery.Pushed(Sender.GitHub, deliveryId, @event, [GitHubLikePayload.ReadPush(root)]),
            "ping" => Delivery.Ping(Sender.GitHub, deliveryId, @event),
            "deployment" => GitHubDeploymentReader.Read(deliveryId, @event, root),
            _ when GitHubCiReader.Reads(@event) => GitHubCiReader.Read(deliveryId, @event, root),
            _ => Delivery.Ignored(Sender.GitHub, deliveryId, @event, $"event '{@event}' is not a push"),
        });
    }
}
