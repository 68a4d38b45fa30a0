using Microsoft.Extensions.Logging;
using Redeploy.Core.Observers;
using Redeploy.Core.Storage;
using DeploymentReport = Redeploy.Core.Observers.DeploymentReport;

namespace Redeploy.Core.GitHub;

/// <summary>
/// Puts a <see cref="GitHubUpdate"/> on the outbox for each state a request of a continuous.deploy stack reaches. The job
/// has gone first; if the outbox cannot be written the deployment goes on and only GitHub's view of it is missing.
/// </summary>
internal sealed class GitHubDeploymentObserver(
    GitHubOptions options,
    TableStackStore stacks,
    GitHubUpdateQueue queue,
    ILogger<GitHubDeploymentObserver> logger) : IDeploymentObserver
{
    public async Task OnStateAsync(
        string stackUid, string requestId, DeploymentState state, DeploymentReport? report, CancellationToken cancellationToken)
    {
        if (!options.HasCredentials)
        {
            return;
        }

        try
        {
            if (await stacks.FindByUidAsync(stackUid, cancellationToken) is not { } stack || !GitHubSettings.IsContinuousDeploy(stack))
            {
                return;
            }

            var update = new GitHubUpdate(
                GitHubUpdate.CurrentVersion, stackUid, requestId, state, report?.Description, report?.LogUrl, report?.EnvironmentUrl);
            await queue.SendAsync(update, delay: null, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            GitHubLog.NotQueued(logger, e, requestId, state.ToString());
        }
    }
}
