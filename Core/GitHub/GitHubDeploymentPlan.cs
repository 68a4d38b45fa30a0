using Redeploy.Core.Matching;
using Redeploy.Core.Observers;
using Redeploy.Core.Stacks;

namespace Redeploy.Core.GitHub;

/// <summary>The pure rules of CONTRACT §8 for deployments: which ones a request makes, and what each state posts.</summary>
internal static class GitHubDeploymentPlan
{
    public const int MaxDescriptionLength = 140;

    /// <summary>
    /// One deployment per distinct (GitHub repository, ref) among the deployed Git services, in the stack's order; the ref
    /// is the commit a service builds, else its branch. Image services and other hosts' repositories make none.
    /// </summary>
    public static IReadOnlyList<GitHubDeploymentTarget> Targets(Stack stack, IReadOnlyList<ServiceDeployment> services, GitHubOptions options)
    {
        var targets = new List<GitHubDeploymentTarget>();
        var index = new Dictionary<(string, string), int>();
        foreach (var service in services)
        {
            var git = stack.Kind == StackKind.Classic ? stack.Git : stack.FindService(service.Name)?.Git;
            if (git is null || GitHubRepository.From(git.Repository, options) is not { } repository)
            {
                continue;
            }

            var key = (repository.FullName, service.Commit ?? service.Branch ?? git.Branch);
            if (index.TryGetValue(key, out var at))
            {
                targets[at] = targets[at] with { Services = [.. targets[at].Services, service.Name] };
            }
            else
            {
                index[key] = targets.Count;
                targets.Add(new GitHubDeploymentTarget(key.Item1, key.Item2, [service.Name]));
            }
        }

        return targets;
    }

    /// <summary>
    /// The targets when a <c>deployment</c> event asked for the request (CONTRACT §8): that GitHub deployment takes the
    /// statuses of every service deployed from its repository, and no other is made there. It is first, and present even
    /// when none of the repository's services was deployed, so that whoever created it sees how the request went.
    /// </summary>
    public static IReadOnlyList<GitHubDeploymentTarget> WithRequestedDeployment(
        IReadOnlyList<GitHubDeploymentTarget> targets, GitHubRepository repository, string @ref, long deploymentId)
    {
        var inRepository = targets.Where(t => t.Repository == repository.FullName).SelectMany(t => t.Services).Distinct(StringComparer.Ordinal).ToList();
        return [new GitHubDeploymentTarget(repository.FullName, @ref, inRepository, DeploymentId: deploymentId), .. targets.Where(t => t.Repository != repository.FullName)];
    }

    public static string Description(IReadOnlyList<string> services) => Cut("Redeploy: " + string.Join(", ", services));

    /// <summary>The deployment status a state posts: dispatched → queued, started → in_progress, and so on.</summary>
    public static GitHubDeploymentStatus Status(GitHubUpdate update) => update.State switch
    {
        DeploymentState.Dispatched => new("queued", Optional(update.Description)),
        DeploymentState.Started => new("in_progress", Optional(update.Description), LogUrl: update.LogUrl),
        DeploymentState.Succeeded => new("success", Optional(update.Description), update.EnvironmentUrl, update.LogUrl),
        DeploymentState.Failed => new("failure", Optional(update.Description), LogUrl: update.LogUrl),
        DeploymentState.Cancelled => new("error", Cut("cancelled: " + (update.Description ?? "by the deployer")), LogUrl: update.LogUrl),
        DeploymentState.Unreachable => new("error", Cut("deployer never reached" + (update.Description is { } d ? ": " + d : string.Empty))),
        _ => throw new ArgumentOutOfRangeException(nameof(update), update.State, "unknown state"),
    };

    /// <summary>Statuses only move forward: queued, then in_progress, then one final state. Null (nothing posted) is lowest.</summary>
    public static int Rank(string? state) => state switch
    {
        null => -1,
        "queued" => 0,
        "in_progress" => 1,
        _ => 2,
    };

    private static string? Optional(string? text) => text is null ? null : Cut(text);

    private static string Cut(string text) => text.Length <= MaxDescriptionLength ? text : text[..(MaxDescriptionLength - 1)] + "…";
}
