namespace Redeploy.Core.GitHub;

/// <summary>The body of <c>POST /repos/{o}/{r}/deployments</c> that Redeploy sends (CONTRACT §8).</summary>
internal sealed record GitHubDeploymentRequest(
    string Ref,
    string Environment,
    string Description,
    string RequestId,
    string JobId,
    string Stack,
    IReadOnlyList<string> Services);
