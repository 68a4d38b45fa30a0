using Redeploy.Core.Hooks;
using Redeploy.Core.Stacks;

namespace Redeploy.Core.Matching;

/// <summary>A repository and branch a stack tracks, with the services that track it (none for a Classic stack).</summary>
/// <param name="Repository">The normalised URL, or the URL as configured when it does not normalise.</param>
internal sealed record TrackedSource(string Repository, string Branch, List<string> Services)
{
    public static TrackedSource Of(GitSource git) =>
        new(RepositoryUrl.Normalize(git.Repository) ?? git.Repository, git.Branch, []);
}
