using Redeploy.Core.Hooks;
using Redeploy.Core.Stacks;

namespace Redeploy.Core.Matching;

/// <summary>The rules of CONTRACT §4: a stack and a request's pushes and services modifier in, a <see cref="Decision"/> out.</summary>
public static class ServiceMatcher
{
    // PLACEHOLDER until Matching/ lands (issue 2).
    public static Decision Decide(Stack stack, IReadOnlyList<Push> pushes, ServicesModifier? modifier) => throw new NotImplementedException();
}
