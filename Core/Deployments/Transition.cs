using Redeploy.Core.Storage;

namespace Redeploy.Core.Deployments;

/// <summary>The result of <see cref="Lifecycle.Report"/>: what happens, and the status the request has afterwards.</summary>
public sealed record Transition(TransitionKind Kind, RequestStatus Status);
