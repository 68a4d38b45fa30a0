using Redeploy.Core.Storage;

namespace Redeploy.Core.GitHub;

/// <summary>The GitHub integration's storage, created at start-up: <c>github-updates</c>, its poison queue and <c>githubdeployments</c>.</summary>
internal sealed class GitHubStorage(GitHubUpdateQueue updates, GitHubDeploymentLog deployments) : IStorageSetupStep
{
    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        await updates.CreateQueueAsync(cancellationToken);
        await deployments.CreateTableAsync(cancellationToken);
    }
}
