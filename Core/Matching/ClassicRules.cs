using Redeploy.Core.Stacks;

namespace Redeploy.Core.Matching;

/// <summary>CONTRACT §4 for Classic stacks: one repository and branch; the stack deploys as one entry named after it.</summary>
internal static class ClassicRules
{
    /// <param name="pushes">Pushes to deploy that carry Git information; none when the request carries none.</param>
    public static Decision Decide(Stack stack, IReadOnlyList<MatchablePush> pushes)
    {
        if (stack.Git is not { } git)
        {
            return new SkipDecision($"the Classic stack {stack.Name} has no repository and branch configured");
        }

        if (pushes.Count == 0)
        {
            return Deploy(stack, commit: null, git.Branch);
        }

        // Rule 1 (a named branch must be the stack's) and rule 2 (no branch: deploy without matching it) are the
        // per-service match of Docker stacks. A push that names another repository and no branch is skipped: it is
        // some other project's push, and deploying this stack on it is what a user would not expect.
        var match = MatchablePush.FirstMatch(git, pushes);
        return match is null
            ? new SkipDecision(SkipReasons.NoMatch(pushes, [TrackedSource.Of(git)], classic: true))
            : Deploy(stack, match.Commit, git.Branch);
    }

    private static DeployDecision Deploy(Stack stack, string? commit, string branch) =>
        new([commit is null ? new ServiceDeployment(stack.Name, Branch: branch) : new ServiceDeployment(stack.Name, Commit: commit)]);
}
