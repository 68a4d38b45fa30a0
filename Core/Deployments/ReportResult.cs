using Redeploy.Core.Storage;

namespace Redeploy.Core.Deployments;

/// <summary>What a report came to; <see cref="Transition"/> is null when the job or its request is unknown.</summary>
public sealed record ReportResult(string RequestId, Transition? Transition)
{
    public bool Found => Transition is not null;

    public RequestStatus? Status => Transition?.Status;
}
