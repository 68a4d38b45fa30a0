namespace Redeploy.Core.Storage;

/// <summary>
/// What the reconciler's scan reads of a request not final yet: its keys, status and times, without its message and
/// pushes (a fraction of the row), so the scan stays short however long the backlog. Acting on one reads the whole row.
/// </summary>
/// <param name="UpdatedAt">When the row was last written, by the table's clock (the clock queue messages are stamped by).</param>
/// <param name="CiReleasedAt">When the CI gate let a waiting request go on, if it waited (CONTRACT §9).</param>
public sealed record OpenRequest(
    string StackUid,
    string RequestId,
    RequestStatus Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? ResentAt,
    bool Enqueued,
    DateTimeOffset? CiReleasedAt)
{
    public static OpenRequest Of(RequestRecord record) => new(
        record.StackUid, record.RequestId, record.Status, record.ReceivedAt, record.UpdatedAt, record.ResentAt, record.Enqueued, record.Ci?.ReleasedAt);
}
