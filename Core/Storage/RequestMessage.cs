using System.Text.Json.Serialization;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Storage;

/// <summary>
/// The compact, versioned message the intake puts on <c>redeploy-requests</c>: what matching needs and nothing of the
/// raw payload. Pushes are only the ones that can deploy (branch pushes that were not deletions). Version 2 adds the CI
/// gate's parts (CONTRACT §9): <see cref="Wait"/> for a push on a stack that deploys on CI, <see cref="Ci"/> for a CI
/// result, and the <see cref="DeliveryId"/> the gate de-duplicates on; a version-1 processor refuses it rather than
/// deploy a push that should wait.
/// </summary>
public sealed record RequestMessage(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("id")] string RequestId,
    [property: JsonPropertyName("stack")] string StackUid,
    [property: JsonPropertyName("pushes")] IReadOnlyList<PushMessage> Pushes,
    [property: JsonPropertyName("services")] IReadOnlyList<string>? Services,
    [property: JsonPropertyName("wait"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Wait = false,
    [property: JsonPropertyName("ci"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CiMessage? Ci = null,
    [property: JsonPropertyName("delivery"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeliveryId = null)
{
    public const int CurrentVersion = 1;

    /// <summary>The version of messages for the CI gate (with <see cref="Wait"/> or <see cref="Ci"/>).</summary>
    public const int GatedVersion = 2;

    /// <summary>True for a message the CI gate decides: a push that waits for CI, or a CI result.</summary>
    public bool IsGated => Wait || Ci is not null;

    // What the request's row says of where the request came from: with it the processor writes the row the intake would
    // have written, should the message arrive first (the intake writes row and message at once). Absent in messages
    // queued before these were added, and in a reconciler's stand-in message.

    /// <summary>The random id of the submission that queued the message (<see cref="RequestRecord.Submission"/>).</summary>
    [JsonPropertyName("submission"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Submission { get; init; }

    [JsonPropertyName("sender"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sender { get; init; }

    [JsonPropertyName("received"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ReceivedAt { get; init; }
    /// <summary>
    /// The GitHub deployment a <c>deployment</c> event asked for (CONTRACT §8): its repository's statuses go to it and
    /// none is created there. Absent for every other request, so older processors read the message unchanged.
    /// </summary>
    [JsonPropertyName("githubDeployment")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? GitHubDeploymentId { get; init; }

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
