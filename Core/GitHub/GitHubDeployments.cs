using Azure;

namespace Redeploy.Core.GitHub;

/// <summary>A request's GitHub deployments, as one row of <see cref="GitHubDeploymentLog"/>.</summary>
internal sealed record GitHubDeployments(string StackUid, string RequestId, IReadOnlyList<GitHubDeploymentTarget> Targets)
{
    public ETag ETag { get; init; }
}
