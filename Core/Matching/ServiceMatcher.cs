using Redeploy.Core.Hooks;
using Redeploy.Core.Stacks;

namespace Redeploy.Core.Matching;

/// <summary>The rules of CONTRACT §4: a stack and a request's pushes and services modifier in, a <see cref="Decision"/> out.</summary>
internal static class ServiceMatcher
{
    /// <summary>
    /// Decides what <paramref name="pushes"/> deploy on <paramref name="stack"/>. Deleted refs and tags are not pushes
    /// to deploy; pushes that carry nothing are dropped beside ones that carry something, and a request with only such
    /// pushes (or none) has no Git information. A Classic stack ignores <paramref name="modifier"/>, which
    /// <see cref="ServicesModifier.Parse"/> refuses for it.
    /// </summary>
    public static Decision Decide(Stack stack, IReadOnlyList<Push> pushes, ServicesModifier? modifier)
    {
        var toMatch = new List<MatchablePush>(pushes.Count);
        List<Push>? notDeployable = null;
        for (var i = 0; i < pushes.Count; i++)
        {
            var push = pushes[i];
            if (!push.IsDeployable)
            {
                (notDeployable ??= []).Add(push);
                continue;
            }

            var matchable = MatchablePush.From(push);
            if (matchable.HasGitInformation)
            {
                toMatch.Add(matchable);
            }
        }

        if (toMatch.Count == 0 && notDeployable is not null)
        {
            return new SkipDecision(SkipReasons.NothingToDeploy(notDeployable));
        }

        return stack.Kind == StackKind.Classic
            ? ClassicRules.Decide(stack, toMatch)
            : DockerRules.Decide(stack, toMatch, modifier);
    }
}
