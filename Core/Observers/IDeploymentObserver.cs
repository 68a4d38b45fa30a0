namespace Redeploy.Core.Observers;

/// <summary>
/// Told each time a request's deployment reaches a state: the processor after dispatch, the deployer's reports after that.
/// An observer never fails or delays the deployment: it catches its own trouble.
/// </summary>
public interface IDeploymentObserver
{
    Task OnStateAsync(string stackUid, string requestId, DeploymentState state, DeploymentReport? report, CancellationToken cancellationToken);
}
