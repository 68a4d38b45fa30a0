using Microsoft.Extensions.Logging;
using Redeploy.Core.Storage;

namespace Redeploy.Core.GitHub;

/// <summary>
/// The outbox's use case: one <see cref="GitHubUpdate"/> in; the request's GitHub deployments created if they are not yet,
/// and the state's status posted once on each. A rate limit re-queues the update with a visibility delay; a 5xx or a lost
/// connection throws, so that the host retries; any other 4xx gives that deployment up, with the error recorded.
/// </summary>
public sealed class GitHubUpdater(
    TableStackStore stacks,
    RequestLog requests,
    GitHubDeploymentLog log,
    GitHubUpdateQueue queue,
    GitHubClient client,
    GitHubOptions options,
    TimeProvider time,
    ILogger<GitHubUpdater> logger)
{
    /// <summary>
    /// How long a claim to create a deployment belongs to the attempt that made it: longer than one GitHub call may take
    /// (<see cref="GitHubConnection.CallTimeout"/>), shorter than the host's retries add up to (5 × 10 s).
    /// </summary>
    public static readonly TimeSpan ClaimLease = GitHubConnection.CallTimeout + TimeSpan.FromSeconds(5);

    private const int MaxWriteAttempts = 5;

    public async Task HandleAsync(GitHubUpdate update, CancellationToken cancellationToken)
    {
        if (update.Version != GitHubUpdate.CurrentVersion)
        {
            throw new NotSupportedException($"GitHub update version {update.Version} is not known to this processor");
        }

        var stack = await stacks.FindByUidAsync(update.StackUid, cancellationToken);
        if (stack is null)
        {
            GitHubLog.NothingToDo(logger, update.RequestId, "the stack no longer exists");
            return;
        }

        var deployments = await log.GetAsync(update.StackUid, update.RequestId, cancellationToken)
            ?? await PlanAsync(stack, update, cancellationToken);
        if (deployments is null)
        {
            return;
        }

        var environment = GitHubSettings.EnvironmentOf(stack);
        for (var i = 0; i < deployments.Targets.Count; i++)
        {
            var target = deployments.Targets[i];
            if (target.Error is not null)
            {
                continue;
            }

            try
            {
                deployments = await AdvanceAsync(deployments, i, stack, environment, update, cancellationToken);
            }
            catch (GitHubApiException e) when (e.RetryAfter is { } wait)
            {
                GitHubLog.RateLimited(logger, target.Repository, update.RequestId, update.State.ToString(), wait);
                await queue.SendAsync(update, wait, cancellationToken);
                return;
            }
            catch (GitHubApiException e) when (!e.IsServerError)
            {
                GitHubLog.GaveUp(logger, update.RequestId, target.Repository, e.Message);
                deployments = await ChangeAsync(deployments, i, t => t.WithError(e.Message), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Called for an update that reached <c>github-updates-poison</c> (GitHub or storage kept failing): each of the
    /// request's deployments not given up yet records that its state was not posted, which the status JSON shows.
    /// </summary>
    public async Task MarkPoisonedAsync(GitHubUpdate update, int attempts, CancellationToken cancellationToken)
    {
        var deployments = await log.GetAsync(update.StackUid, update.RequestId, cancellationToken);
        var error = $"the {GitHubDeploymentPlan.Status(update).State} status was not posted after {attempts} attempts";
        GitHubLog.GaveUp(logger, update.RequestId, deployments is null ? "(no deployment yet)" : string.Join(", ", deployments.Targets.Select(t => t.Repository)), error);
        if (deployments is null)
        {
            return;
        }

        for (var i = 0; i < deployments.Targets.Count; i++)
        {
            if (deployments.Targets[i].Error is null)
            {
                deployments = await ChangeAsync(deployments, i, t => t.Error is null ? t.WithError(error) : t, cancellationToken);
            }
        }
    }

    /// <summary>The first update of a request decides its deployments, if its stack has continuous.deploy on.</summary>
    private async Task<GitHubDeployments?> PlanAsync(StoredStack stack, GitHubUpdate update, CancellationToken cancellationToken)
    {
        if (!GitHubSettings.IsContinuousDeploy(stack))
        {
            GitHubLog.NothingToDo(logger, update.RequestId, "continuous.deploy is off");
            return null;
        }

        var request = await requests.GetAsync(update.StackUid, update.RequestId, cancellationToken);
        var targets = request?.Services is { } services ? GitHubDeploymentPlan.Targets(stack.Definition, services, options) : [];
        if (RequestedDeployment(request) is { } requested)
        {
            targets = GitHubDeploymentPlan.WithRequestedDeployment(targets, requested.Repository, requested.Ref, requested.Id);
        }

        if (targets.Count == 0)
        {
            GitHubLog.NothingToDo(logger, update.RequestId, "no deployed service builds from a GitHub repository");
            return null;
        }

        return await log.TrySaveAsync(new GitHubDeployments(update.StackUid, update.RequestId, targets), cancellationToken)
            ?? await log.GetAsync(update.StackUid, update.RequestId, cancellationToken)
            ?? throw new InvalidOperationException($"the GitHub deployments of request {update.RequestId} keep vanishing");
    }

    /// <summary>The GitHub deployment a <c>deployment</c> event asked for, from the request's message: its repository, ref and id.</summary>
    private (GitHubRepository Repository, string Ref, long Id)? RequestedDeployment(RequestRecord? request)
    {
        if (request?.Message is not { } body || RequestQueue.Deserialize(body) is not { GitHubDeploymentId: { } id, Pushes: [var push, ..] })
        {
            return null;
        }

        var repository = push.Repositories?.Select(url => GitHubRepository.From(url, options)).FirstOrDefault(r => r is not null);
        return repository is null ? null : (repository, push.Commit ?? push.Branch ?? string.Empty, id);
    }

    private async Task<GitHubDeployments> AdvanceAsync(
        GitHubDeployments deployments, int i, StoredStack stack, string environment, GitHubUpdate update, CancellationToken cancellationToken)
    {
        var target = deployments.Targets[i];
        var repository = target.GitHubRepository;
        if (target.DeploymentId is null)
        {
            var now = time.GetUtcNow();
            long? found = null;
            if (target.ClaimedAt is { } claimed)
            {
                // A fresh claim belongs to an attempt that is creating the deployment now: the host tries this one later.
                // A stale one was left by an attempt that died around the call: GitHub is asked before a second is made.
                if (now - claimed < ClaimLease)
                {
                    throw new InvalidOperationException($"the GitHub deployment of request {update.RequestId} in {target.Repository} is being created by another attempt");
                }

                found = await client.FindDeploymentAsync(repository, target.Ref, environment, update.RequestId, cancellationToken);
                if (found is { } id)
                {
                    GitHubLog.DeploymentFound(logger, id, target.Repository, update.RequestId);
                }
            }

            var claim = target.ClaimedAt;
            deployments = await ChangeAsync(deployments, i, t => t.DeploymentId is null && t.ClaimedAt == claim ? t with { ClaimedAt = now } : null, cancellationToken);
            if (found is null)
            {
                try
                {
                    found = await client.CreateDeploymentAsync(
                        repository,
                        new GitHubDeploymentRequest(
                            target.Ref, environment, GitHubDeploymentPlan.Description(target.Services), update.RequestId, update.RequestId, stack.Name, target.Services),
                        cancellationToken);
                }
                catch (GitHubApiException)
                {
                    // GitHub answered, and not with a deployment: the next attempt need not wait for the claim nor look for one.
                    await ChangeAsync(deployments, i, t => t with { ClaimedAt = null }, cancellationToken);
                    throw;
                }

                GitHubLog.DeploymentCreated(logger, found.Value, target.Repository, update.RequestId, target.Ref);
            }

            deployments = await ChangeAsync(deployments, i, t => t with { DeploymentId = found }, cancellationToken);
            target = deployments.Targets[i];
        }

        var status = GitHubDeploymentPlan.Status(update);
        if (GitHubDeploymentPlan.Rank(status.State) <= GitHubDeploymentPlan.Rank(target.State))
        {
            return deployments;
        }

        await client.CreateDeploymentStatusAsync(repository, target.DeploymentId!.Value, status, cancellationToken);
        GitHubLog.StatusPosted(logger, target.DeploymentId.Value, target.Repository, status.State);
        return await ChangeAsync(
            deployments,
            i,
            t => GitHubDeploymentPlan.Rank(t.State) < GitHubDeploymentPlan.Rank(status.State) ? t with { State = status.State } : t,
            cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="change"/> of target <paramref name="i"/>; when another update wrote the row meanwhile, reads it
    /// again and applies the change to what it finds. A change that returns null no longer applies: this attempt stops.
    /// </summary>
    private async Task<GitHubDeployments> ChangeAsync(
        GitHubDeployments deployments, int i, Func<GitHubDeploymentTarget, GitHubDeploymentTarget?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var changed = change(deployments.Targets[i])
                ?? throw new InvalidOperationException($"the GitHub deployment of request {deployments.RequestId} in {deployments.Targets[i].Repository} was taken over by another attempt");
            var targets = deployments.Targets.ToArray();
            targets[i] = changed;
            if (await log.TrySaveAsync(deployments with { Targets = targets }, cancellationToken) is { } saved)
            {
                return saved;
            }

            deployments = await log.GetAsync(deployments.StackUid, deployments.RequestId, cancellationToken)
                ?? throw new InvalidOperationException($"the GitHub deployments of request {deployments.RequestId} vanished");
        }

        throw new InvalidOperationException($"the GitHub deployments of request {deployments.RequestId} kept changing");
    }
}
