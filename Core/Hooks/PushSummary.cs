using Redeploy.Core.Hooks;

namespace Redeploy.Core.Hooks;

/// <summary>A short description of a request's pushes for people: "main@9f3c1a2, develop@77aa001" or "no Git information".</summary>
public static class PushSummary
{
    /// <summary>Characters of a summary at most: five pushes of the longest ref names the readers admit, and their commits.</summary>
    public const int MaxLength = 5 * (PayloadLimits.MaxRefNameBytes + 10) + 5;

    public static string Describe(IReadOnlyList<Push> pushes)
    {
        var parts = pushes.Where(p => !p.IsEmpty).Select(Describe).Take(5).ToList();
        if (parts.Count == 0)
        {
            return "no Git information";
        }

        return pushes.Count > parts.Count ? $"{string.Join(", ", parts)}, ..." : string.Join(", ", parts);
    }

    private static string Describe(Push push)
    {
        var where = push.Branch ?? push.Tag ?? "any branch";
        return push.Commit is { } commit ? $"{where}@{ShortCommit(commit)}" : where;
    }

    /// <summary>A commit as people read it: its first 7 characters.</summary>
    public static string ShortCommit(string commit) => commit[..Math.Min(7, commit.Length)];
}
