using Redeploy.Core.Stacks;

namespace Redeploy.Core.Matching;

/// <summary>The <c>services</c> query parameter: the services that deploy whenever a deployment happens (CONTRACT §1, §4).</summary>
public sealed record ServicesModifier(IReadOnlyList<string> Names)
{
    // PLACEHOLDER until Matching/ lands (issue 2).
    public static Outcome<ServicesModifier?> Parse(IReadOnlyList<string> rawValues, Stack stack) => throw new NotImplementedException();
}
