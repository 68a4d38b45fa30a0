using System.Text.Json.Serialization;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Storage;

/// <summary>
/// The compact, versioned message the intake puts on <c>redeploy-requests</c>: what matching needs and nothing of the
/// raw payload. Pushes are only the ones that can deploy (branch pushes that were not deletions).
/// </summary>
public sealed record RequestMessage(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("id")] string RequestId,
    [property: JsonPropertyName("stack")] string StackUid,
    [property: JsonPropertyName("pushes")] IReadOnlyList<PushMessage> Pushes,
    [property: JsonPropertyName("services")] IReadOnlyList<string>? Services)
{
    public const int CurrentVersion = 1;

    // What the request's row says of where the request came from: with it the processor writes the row the intake would
    // have written, should the message arrive first (the intake writes row and message at once). Absent in messages
    // queued before these were added, and in a reconciler's stand-in message.

    /// <summary>The random id of the submission that queued the message (<see cref="RequestRecord.Submission"/>).</summary>
    [JsonPropertyName("submission"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Submission { get; init; }

    [JsonPropertyName("sender"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sender { get; init; }

    [JsonPropertyName("delivery"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeliveryId { get; init; }

    [JsonPropertyName("received"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ReceivedAt { get; init; }

    public IReadOnlyList<Push> ToPushes() => Pushes.Select(p => p.ToPush()).ToList();
}

/// <summary>One push in a <see cref="RequestMessage"/>.</summary>
public sealed record PushMessage(
    [property: JsonPropertyName("repos"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Repositories,
    [property: JsonPropertyName("branch"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Branch,
    [property: JsonPropertyName("commit"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Commit)
{
    public static PushMessage From(Push push) =>
        new(push.RepositoryUrls.Count == 0 ? null : push.RepositoryUrls, push.Branch, push.Commit);

    public Push ToPush() => new(Repositories ?? Push.NoRepository, Branch, null, Commit);
}
