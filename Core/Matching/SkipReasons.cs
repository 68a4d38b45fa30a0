using System.Text;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Matching;

/// <summary>
/// The reasons of <see cref="SkipDecision"/>: what was pushed and what the stack tracks, in the normalised forms
/// matching compares, so that a user can spot a typo. Lists are cut short: a stack of a thousand services must not
/// give a reason of a thousand lines.
/// </summary>
internal static class SkipReasons
{
    /// <summary>Characters of a reason at most, whatever was pushed: a stored field stays far inside Table Storage's 64 KiB.</summary>
    public const int MaxLength = 4_000;

    private const int ListedPushes = 10;
    private const int ListedRepositoriesPerPush = 3;
    private const int ListedSources = 10;
    private const int ListedServicesPerSource = 5;

    /// <summary>Every push deleted a ref or pushed a tag.</summary>
    public static string NothingToDeploy(IReadOnlyList<Push> notDeployable)
    {
        var seen = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var push in notDeployable)
        {
            var what = (push.Deleted, push.Tag, push.Branch) switch
            {
                (true, { } tag, _) => $"tag {tag} deleted",
                (true, null, { } branch) => $"branch {branch} deleted",
                (true, null, null) => "a ref deleted",
                (false, var tag, _) => $"tag {tag} pushed (tags do not deploy)",
            };
            if (known.Add(what))
            {
                seen.Add(what);
            }
        }

        var text = new StringBuilder("nothing to deploy: ");
        AppendList(text, seen, ListedPushes, "; ");
        return Bounded(text);
    }

    /// <summary>No push matches what the stack tracks (Docker rule 3, Classic rule 1).</summary>
    public static string NoMatch(IReadOnlyList<MatchablePush> pushes, IReadOnlyList<TrackedSource> tracked, bool classic)
    {
        var text = new StringBuilder();
        if (tracked.Count == 0)
        {
            text.Append("the stack has no Git-sourced service for a push to match: pushed ");
            AppendPushes(text, pushes);
            text.Append("; a request without Git information redeploys every service");
            return Bounded(text);
        }

        text.Append(classic ? "the stack does not track the pushed " : "no service tracks the pushed ");
        text.Append(WhatDiffers(pushes, tracked));
        text.Append(": pushed ");
        AppendPushes(text, pushes);
        text.Append("; stack tracks ");
        var sources = tracked.Select(Describe).ToList();
        AppendList(text, sources, ListedSources, ", ");
        return Bounded(text);
    }

    /// <summary>The text, cut to <see cref="MaxLength"/> should the lists still make it longer.</summary>
    private static string Bounded(StringBuilder text)
    {
        const string cut = " ...";
        return text.Length <= MaxLength ? text.ToString() : text.ToString(0, MaxLength - cut.Length) + cut;
    }

    private static string WhatDiffers(IReadOnlyList<MatchablePush> pushes, IReadOnlyList<TrackedSource> tracked)
    {
        var repositoryKnown = pushes.Any(p => tracked.Any(t => p.NamesRepositoryOrNone(t.Repository)));
        var branchKnown = pushes.Any(p => tracked.Any(t => p.NamesBranchOrNone(t.Branch)));
        var several = pushes.Count > 1;
        return (repositoryKnown, branchKnown) switch
        {
            (true, false) => several ? "branches" : "branch",
            (false, true) => several ? "repositories" : "repository",
            (false, false) => several ? "repositories or branches" : "repository or branch",
            (true, true) => several ? "repositories and branches together" : "repository and branch together",
        };
    }

    private static void AppendPushes(StringBuilder text, IReadOnlyList<MatchablePush> pushes)
    {
        var seen = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var push in pushes)
        {
            var described = Describe(push);
            if (known.Add(described))
            {
                seen.Add(described);
            }
        }

        AppendList(text, seen, ListedPushes, ", ");
    }

    private static string Describe(MatchablePush push)
    {
        var repositories = push.Repositories.Concat(push.UnreadableRepositories).ToList();
        var listed = new StringBuilder();
        AppendList(listed, repositories, ListedRepositoriesPerPush, " or ");
        var repository = listed.ToString();
        return (push.NamesRepository, push.Branch) switch
        {
            (true, { } branch) => $"{repository}@{branch}",
            (true, null) => $"{repository} (no branch)",
            (false, { } branch) => $"branch {branch} (no repository)",
            (false, null) => $"commit {push.Commit} (no repository or branch)",
        };
    }

    private static string Describe(TrackedSource source)
    {
        var text = $"{source.Repository}@{source.Branch}";
        if (source.Services.Count == 0)
        {
            return text;
        }

        var services = new StringBuilder();
        AppendList(services, source.Services, ListedServicesPerSource, ", ");
        return $"{text} ({services})";
    }

    private static void AppendList(StringBuilder text, IReadOnlyList<string> items, int limit, string separator)
    {
        for (var i = 0; i < items.Count && i < limit; i++)
        {
            if (i > 0)
            {
                text.Append(separator);
            }

            text.Append(items[i]);
        }

        if (items.Count > limit)
        {
            text.Append(" and ").Append(items.Count - limit).Append(" more");
        }
    }
}
