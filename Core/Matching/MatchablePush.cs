using Redeploy.Core.Hooks;
using Redeploy.Core.Stacks;

namespace Redeploy.Core.Matching;

/// <summary>
/// A push to deploy, its repository URLs normalised once per request so that matching a thousand services
/// normalises nothing more. Empty strings count as absent.
/// </summary>
internal sealed class MatchablePush
{
    private MatchablePush(string? branch, string? commit, string[] repositories, string[] unreadableRepositories)
    {
        Branch = branch;
        Commit = commit;
        Repositories = repositories;
        UnreadableRepositories = unreadableRepositories;
    }

    public string? Branch { get; }

    public string? Commit { get; }

    /// <summary>The repository URLs the push names, normalised, without duplicates.</summary>
    public string[] Repositories { get; }

    /// <summary>URLs the push names that are not repository URLs, as sent: no service can match them.</summary>
    public string[] UnreadableRepositories { get; }

    public bool NamesRepository => Repositories.Length > 0 || UnreadableRepositories.Length > 0;

    public bool HasGitInformation => NamesRepository || Branch is not null || Commit is not null;

    public static MatchablePush From(Push push)
    {
        var repositories = new List<string>(push.RepositoryUrls.Count);
        List<string>? unreadable = null;
        foreach (var url in push.RepositoryUrls)
        {
            if (string.IsNullOrWhiteSpace(url))
            {
                continue;
            }

            if (!RepositoryUrl.TryNormalize(url, out var normalized))
            {
                (unreadable ??= []).Add(url);
            }
            else if (!repositories.Contains(normalized, StringComparer.Ordinal))
            {
                repositories.Add(normalized);
            }
        }

        return new MatchablePush(
            string.IsNullOrEmpty(push.Branch) ? null : push.Branch,
            string.IsNullOrEmpty(push.Commit) ? null : push.Commit,
            [.. repositories],
            unreadable is null ? [] : [.. unreadable]);
    }

    /// <summary>
    /// The push that <paramref name="git"/> matches (CONTRACT §4): it names the repository or none, and the branch or
    /// none. The first such push in order, unless it has no commit and a later one has: the commit says more.
    /// </summary>
    public static MatchablePush? FirstMatch(GitSource git, IReadOnlyList<MatchablePush> pushes)
    {
        // The service's URL is parsed only once a push passes the cheap branch test, and then once for all pushes.
        var parsed = Parsed.NotYet;
        ReadOnlySpan<char> host = default;
        ReadOnlySpan<char> path = default;
        MatchablePush? match = null;
        for (var i = 0; i < pushes.Count; i++)
        {
            var push = pushes[i];
            if (!push.NamesBranchOrNone(git.Branch))
            {
                continue;
            }

            if (push.NamesRepository)
            {
                if (parsed == Parsed.NotYet)
                {
                    parsed = RepositoryUrl.TryParse(git.Repository, out host, out path) ? Parsed.Readable : Parsed.Unreadable;
                }

                if (parsed == Parsed.Unreadable || !push.NamesParsedRepository(host, path))
                {
                    continue;
                }
            }

            if (push.Commit is not null)
            {
                return push;
            }

            match ??= push;
        }

        return match;
    }

    /// <summary>True when the push names <paramref name="repository"/> (normalised) or no repository.</summary>
    public bool NamesRepositoryOrNone(string repository) =>
        !NamesRepository || Array.IndexOf(Repositories, repository) >= 0;

    public bool NamesBranchOrNone(string branch) => Branch is null || string.Equals(Branch, branch, StringComparison.Ordinal);

    private bool NamesParsedRepository(ReadOnlySpan<char> host, ReadOnlySpan<char> path)
    {
        foreach (var repository in Repositories)
        {
            if (RepositoryUrl.IsNormalizedAs(host, path, repository))
            {
                return true;
            }
        }

        return false;
    }

    private enum Parsed
    {
        NotYet,
        Readable,
        Unreadable,
    }
}
