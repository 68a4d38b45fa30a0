using System.Text.Json;

namespace Redeploy.Core.GitHub;

/// <summary>
/// The status JSON's <c>github</c> field (CONTRACT §8): <c>[{"repository", "deploymentId", "state"}]</c>, one per GitHub
/// deployment of the request, with <c>error</c> when Redeploy gave up on it. Written only for requests that have one.
/// </summary>
internal static class GitHubStatusField
{
    public static void Write(Utf8JsonWriter w, GitHubDeployments? deployments)
    {
        if (deployments is null)
        {
            return;
        }

        w.WriteStartArray("github");
        foreach (var target in deployments.Targets)
        {
            w.WriteStartObject();
            w.WriteString("repository", target.Repository);
            if (target.DeploymentId is { } id)
            {
                w.WriteNumber("deploymentId", id);
            }
            else
            {
                w.WriteNull("deploymentId");
            }

            if (target.State is { } state)
            {
                w.WriteString("state", state);
            }
            else
            {
                w.WriteNull("state");
            }

            if (target.Error is { } error)
            {
                w.WriteString("error", error);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
