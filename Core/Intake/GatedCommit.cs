using Redeploy.Core.Storage;

namespace Redeploy.Core.Intake;

/// <summary>
/// One commit of a <see cref="GateDelivery"/>: the commit's request (<see cref="RequestIds.ForCommit"/>), its row as this
/// delivery would create it, and this delivery's message for the gate.
/// </summary>
internal sealed record GatedCommit(string Commit, RequestRecord Record, BinaryData Message)
{
    public string RequestId => Record.RequestId;
}
