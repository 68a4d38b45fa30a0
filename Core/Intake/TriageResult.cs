using Redeploy.Core.Storage;

namespace Redeploy.Core.Intake;

/// <summary>What <see cref="IntakeTriage"/> decided for an authenticated delivery: queue a request, ignore it, or refuse it.</summary>
internal abstract record TriageResult;

/// <summary>Queue this request: its row (carrying <paramref name="Message"/>) and the message for <c>redeploy-requests</c>.</summary>
internal sealed record QueueRequest(RequestRecord Record, BinaryData Message) : TriageResult;

/// <summary>Answer 200 ignored with <paramref name="Reason"/>; nothing is stored.</summary>
internal sealed record IgnoreDelivery(string Reason) : TriageResult;

/// <summary>Answer with the 4xx of <paramref name="Failure"/>; nothing is stored.</summary>
internal sealed record RefuseDelivery(Failure Failure) : TriageResult;

/// <summary>
/// A CI result, or a push naming commits on a stack that deploys on CI (CONTRACT §9): one request per commit, each with
/// this delivery's message for the gate. <see cref="CiIntake"/> queues them, as its answer (rules 5 and 6) needs each
/// commit's request row. <paramref name="Ci"/> is the check the delivery reports (null for a push that waits for CI).
/// </summary>
internal sealed record GateDelivery(IReadOnlyList<GatedCommit> Commits, CiMessage? Ci) : TriageResult;
