using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// Gitea, Forgejo and Gogs deliveries: the same GitHub-like push payload, with the event and delivery id in headers named
/// after the product. Every event but <c>push</c> is ignored with its name.
/// </summary>
internal sealed class GiteaReader(Sender sender) : IDeliveryReader
{
    public Outcome<Delivery> Read(HookRequest request, RootObject root)
    {
        var product = sender switch
        {
            Sender.Forgejo => "Forgejo",
            Sender.Gogs => "Gogs",
            _ => "Gitea",
        };

        // Forgejo also sends the Gitea headers, and Gitea the Gogs ones: the product's own name first, then the older ones.
        var headers = request.Headers;
        var @event = headers[$"X-{product}-Event"] ?? headers["X-Gitea-Event"] ?? headers["X-Gogs-Event"];
        var deliveryId = headers[$"X-{product}-Delivery"] ?? headers["X-Gitea-Delivery"] ?? headers["X-Gogs-Delivery"];
        if (string.IsNullOrEmpty(@event))
        {
            return Failure.Malformed($"the X-{product}-Event header is missing");
        }

        return Outcome<Delivery>.Success(@event == "push"
            ? Delivery.Pushed(sender, deliveryId, @event, [GitHubLikePayload.ReadPush(root)])
            : Delivery.Ignored(sender, deliveryId, @event, $"event '{@event}' is not a push"));
    }
}
