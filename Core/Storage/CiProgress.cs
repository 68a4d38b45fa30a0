using System.Text.Json.Serialization;

namespace Redeploy.Core.Storage;

/// <summary>
/// What the CI gate has seen for a commit's request (CONTRACT §9), kept on its row: the checks that succeeded, the
/// deliveries it applied (so a redelivered CI event changes nothing), the counted check that failed last, and when the
/// gate released the request to dispatch. Every list is bounded, so the row stays small whatever the senders do.
/// </summary>
public sealed record CiProgress(
    [property: JsonPropertyName("passed")] IReadOnlyList<string> Passed,
    [property: JsonPropertyName("deliveries")] IReadOnlyList<string> Deliveries,
    [property: JsonPropertyName("failed"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Failed = null,
    [property: JsonPropertyName("releasedAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ReleasedAt = null)
{
    /// <summary>Checks kept: as many as a stack may list (when it lists none, the first success decides).</summary>
    public const int MaxPassed = Stacks.DeployRule.MaxChecks;

    /// <summary>Delivery ids kept, newest last: enough for the redeliveries of one commit's CI.</summary>
    public const int MaxDeliveries = 20;

    public static CiProgress None { get; } = new([], []);

    /// <summary>
    /// Whether a commit's request can still be changed by its push or its CI events: queued, waiting, or skipped by the CI
    /// gate (a re-run that succeeds deploys a commit whose CI failed; a push to the tracked branch re-opens a commit first
    /// pushed elsewhere). Once dispatched, further events are duplicates (CONTRACT §9.5).
    /// </summary>
    public static bool IsOpen(RequestRecord record) =>
        record.Status is RequestStatus.Queued or RequestStatus.Waiting || (record.Status == RequestStatus.Skipped && record.Ci is not null);

    public bool HasSeen(string? deliveryId) => deliveryId is not null && Deliveries.Contains(deliveryId, StringComparer.Ordinal);

    /// <summary>Records a succeeded check; a name is kept to the length a stack may list, so the row stays bounded.</summary>
    public CiProgress WithPassed(string name)
    {
        var kept = name.Length > Stacks.DeployRule.MaxCheckNameLength ? name[..Stacks.DeployRule.MaxCheckNameLength] : name;
        return Passed.Contains(kept, StringComparer.Ordinal) || Passed.Count >= MaxPassed ? this : this with { Passed = [.. Passed, kept] };
    }

    public CiProgress WithDelivery(string? deliveryId) =>
        deliveryId is null || HasSeen(deliveryId) ? this : this with { Deliveries = [.. Deliveries.Skip(Deliveries.Count - MaxDeliveries + 1), deliveryId] };
}
