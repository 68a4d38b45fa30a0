namespace Redeploy.Core.GitHub;

/// <summary>The body of <c>POST /repos/{o}/{r}/deployments/{id}/statuses</c>; optional fields are left out when null.</summary>
internal sealed record GitHubDeploymentStatus(string State, string? Description = null, string? EnvironmentUrl = null, string? LogUrl = null);
