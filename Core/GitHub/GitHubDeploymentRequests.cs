using Redeploy.Core.Hooks;
using Redeploy.Core.Storage;

namespace Redeploy.Core.GitHub;

/// <summary>
/// Whether a GitHub <c>deployment</c> event asks this stack to deploy (CONTRACT §8): only on a continuous.deploy stack,
/// never for a deployment Redeploy created (the loop guard), and only for the stack's environment.
/// </summary>
internal static class GitHubDeploymentRequests
{
    public const string ContinuousDeployOff = "continuous.deploy is off";

    public const string CreatedByRedeploy = "created by Redeploy";

    /// <summary>Why the event deploys nothing (the 200 ignored reason); null when it is a deploy request.</summary>
    public static string? IgnoredReason(StoredStack stack, GitHubDeploymentEvent deployment)
    {
        if (!GitHubSettings.IsContinuousDeploy(stack))
        {
            return ContinuousDeployOff;
        }

        if (deployment.CreatedByRedeploy)
        {
            return CreatedByRedeploy;
        }

        // GitHub compares environment names without regard to case: "Production" and "production" are one environment.
        var environment = GitHubSettings.EnvironmentOf(stack);
        return string.Equals(deployment.Environment, environment, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"deployment environment '{deployment.Environment}' is not the stack's environment '{environment}'";
    }
}
