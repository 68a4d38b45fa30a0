using Redeploy.Core.Stacks;

namespace Redeploy.Core.Processing;

/// <summary>The words of the CI gate (CONTRACT §9), as the status JSON's <c>reason</c> and the logs show them.</summary>
internal static class CiReasons
{
    /// <summary>"waiting for CI on 9f3c1a2", or "waiting for checks build, e2e on 9f3c1a2" naming the checks still awaited.</summary>
    public static string Waiting(DeployRule rule, IReadOnlyCollection<string> passed, string? commit)
    {
        var remaining = rule.Remaining(passed);
        var what = remaining.Count == 0 ? "CI" : $"checks {string.Join(", ", remaining)}";
        return commit is null ? $"waiting for {what}" : $"waiting for {what} on {Short(commit)}";
    }

    /// <summary>
    /// The reason of a commit whose CI results named no branch and no push named one: "waiting for a push naming a branch
    /// of 9f3c1a2" once its checks have passed, else the checks still awaited as <see cref="Waiting"/> says.
    /// </summary>
    public static string WaitingForBranch(DeployRule rule, IReadOnlyCollection<string> passed, string? commit) =>
        rule.IsSatisfiedBy(passed) ? $"waiting for a push naming a branch of {(commit is null ? "the commit" : Short(commit))}" : Waiting(rule, passed, commit);

    /// <summary>"CI failed: e2e failure"; "CI failed: e2e" when the sender gave no word for it.</summary>
    public static string Failed(string? check, string? conclusion) =>
        $"CI failed: {string.Join(' ', new[] { check ?? "CI", conclusion }.Where(part => !string.IsNullOrEmpty(part)))}";

    private static string Short(string commit) => commit[..Math.Min(7, commit.Length)];
}
