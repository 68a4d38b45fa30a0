namespace Redeploy.Core.Hooks;

/// <summary>
/// The GitHub deployment a <c>deployment</c> event announces (CONTRACT §8): its id, its environment, and whether its
/// payload holds a <c>redeploy</c> key (a deployment Redeploy created itself, which must not deploy again).
/// </summary>
public sealed record GitHubDeploymentEvent(long Id, string Environment, bool CreatedByRedeploy);
