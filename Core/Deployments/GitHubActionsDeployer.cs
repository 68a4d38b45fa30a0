using System.Text.Json;
using Redeploy.Core.GitHub;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Deployments;

/// <summary>
/// The <c>github-actions</c> deployer (CONTRACT §7, §8): a <c>workflow_dispatch</c> with the inputs <c>job_id</c>,
/// <c>stack</c>, <c>services</c> (compact JSON) and <c>callback_url</c>, from the outbox like a webhook. 2xx is accepted
/// (the run reports through the callback URL); a rate limit waits as GitHub says; 5xx, 408, timeouts and lost
/// connections are tried again; any other 4xx refuses the job with GitHub's reason.
/// </summary>
internal sealed class GitHubActionsDeployer(GitHubClient client, GitHubOptions options) : IDeployer
{
    /// <summary>The inputs the workflow declares (samples/github-actions-deploy.yml).</summary>
    public static readonly IReadOnlyList<string> InputNames = ["job_id", "stack", "services", "callback_url"];

    public bool Outbound => true;

    public bool Handles(DeployerTarget target) => target is GitHubActionsTarget;

    public async Task<DeliveryAnswer> DeliverAsync(DeploymentJob job, DeployerTarget target, CancellationToken cancellationToken)
    {
        var actions = (GitHubActionsTarget)target;
        if (!options.HasCredentials)
        {
            return DeliveryAnswer.Refused("no GitHub credentials: set Redeploy:GitHub:Token, or Redeploy:GitHub:AppId and PrivateKey");
        }

        var repository = actions.Repository.Split('/') is [var owner, var name] ? new GitHubRepository(owner, name) : null;
        if (repository is null)
        {
            return DeliveryAnswer.Refused($"'{actions.Repository}' is not a GitHub repository owner/name");
        }

        try
        {
            await client.DispatchWorkflowAsync(repository, actions.Workflow, actions.Ref, Inputs(job), cancellationToken);
            return DeliveryAnswer.Accepted;
        }
        catch (GitHubApiException e) when (e.RetryAfter is { } wait)
        {
            return DeliveryAnswer.Retry($"GitHub rate limit ({e.Status})", wait);
        }
        catch (GitHubApiException e) when (e.IsServerError || e.Status == 408)
        {
            return DeliveryAnswer.Retry($"GitHub answered {e.Status}");
        }
        catch (GitHubApiException e)
        {
            return DeliveryAnswer.Refused(e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryAnswer.Retry($"GitHub did not answer within {GitHubConnection.CallTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return DeliveryAnswer.Retry($"GitHub unreachable ({e.HttpRequestError})");
        }
        catch (InvalidOperationException e)
        {
            // The App's key could not be read from Key Vault now: the next attempt asks again.
            return DeliveryAnswer.Retry(e.Message);
        }
    }

    /// <summary>The workflow's inputs, in the order of <see cref="InputNames"/>: every value a string, as GitHub requires.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Inputs(DeploymentJob job) =>
    [
        new("job_id", job.JobId),
        new("stack", job.StackName),
        new("services", JsonSerializer.Serialize(job.Services, CoreJsonContext.Default.IReadOnlyListServiceDeployment)),
        new("callback_url", job.CallbackUrl ?? string.Empty),
    ];
}
