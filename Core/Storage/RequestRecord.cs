using Azure;
using Redeploy.Core.Matching;

namespace Redeploy.Core.Storage;

/// <summary>One request's row in the requests table: what came in and how it ended.</summary>
/// <param name="Summary">What the request carried, for people: "main@9f3c1a2", "no Git information", "manual".</param>
/// <param name="Enqueued">
/// True once the request's message is known to be on the queue after the intake: the processor took the request on, or the
/// reconciler sent it again. The intake writes row and message at once and does not mark it (docs/decisions.md).
/// </param>
public sealed record RequestRecord(
    string StackUid,
    string RequestId,
    string StackName,
    RequestStatus Status,
    DateTimeOffset ReceivedAt,
    string Sender,
    string? DeliveryId,
    string? Summary,
    bool Enqueued = false,
    string? Reason = null,
    IReadOnlyList<ServiceDeployment>? Services = null)
{
    public ETag ETag { get; init; }

    /// <summary>What was pushed, for the delivery log page; null for a request that named nothing, or stored before it was kept.</summary>
    public IReadOnlyList<PushRecord>? Pushes { get; init; }

    /// <summary>When the row was last written (the table's own timestamp); null for a record not read from the table.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>
    /// A random id written with each write of the row, so that a write whose answer was lost and retried by the client
    /// (then answered 409 or 412) is recognised as one's own on reading the row back.
    /// </summary>
    public string? Attempt { get; init; }

    /// <summary>
    /// The random id of the submission that created the row, kept through later writes and carried by its message: an
    /// intake whose insert meets a row with its own submission id (written by the processor from its message, which
    /// arrived first, or by its own insert retried by the client) knows the request as its own, not as a duplicate.
    /// </summary>
    public string? Submission { get; init; }

    /// <summary>When the reconciler last sent the message again (by the service's clock, as <see cref="ReceivedAt"/>).</summary>
    public DateTimeOffset? ResentAt { get; init; }

    /// <summary>The request message as queued (at most <see cref="RequestQueue.MaxMessageBytes"/>), kept so the reconciler can send it again.</summary>
    public BinaryData? Message { get; init; }

    /// <summary>What the deployer reported last (CONTRACT §7); null before its first report.</summary>
    public DeploymentReport? LastReport { get; init; }

    /// <summary>Links the deployer reported (kept until it reports new ones).</summary>
    public string? LogUrl { get; init; }

    public string? EnvironmentUrl { get; init; }

    /// <summary>What the CI gate has seen for this commit (CONTRACT §9); null for a request that does not wait for CI.</summary>
    public CiProgress? Ci { get; init; }

    /// <summary>The outbox attempt that last claimed delivery of the job (0: none).</summary>
    public int DeliveryAttempt { get; init; }
}
