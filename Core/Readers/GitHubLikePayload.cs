using System.Text.Json;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// The push payload GitHub defined and Gitea, Forgejo and Gogs copied: <c>ref</c>, <c>after</c>, <c>deleted</c> and a
/// <c>repository</c> object with clone URLs. Everything else (commits, pusher, sender) is skipped unread.
/// </summary>
internal static class GitHubLikePayload
{
    /// <summary>
    /// Reads the one push of a push payload from its root properties: the commit list, nearly all of a large push, is never
    /// walked again. Gitea has no <c>deleted</c> in every version: an all-zero <c>after</c> says it too.
    /// </summary>
    public static Push ReadPush(RootObject root)
    {
        root.ExpectObject();
        string? refName = null;
        string? after = null;
        var deleted = false;
        IReadOnlyList<string> urls = Push.NoRepository;

        foreach (var property in root)
        {
            if (root.NameIs(property, "ref"u8))
            {
                var reader = root.ValueReader(property);
                refName = JsonRead.String(ref reader, "ref");
            }
            else if (root.NameIs(property, "after"u8))
            {
                var reader = root.ValueReader(property);
                after = JsonRead.String(ref reader, "after");
            }
            else if (root.NameIs(property, "deleted"u8))
            {
                var reader = root.ValueReader(property);
                deleted = JsonRead.Boolean(ref reader, "deleted") ?? false;
            }
            else if (root.NameIs(property, "repository"u8))
            {
                var reader = root.ValueReader(property);
                urls = Repository(ref reader);
            }
        }

        deleted |= GitValues.IsZeroCommit(after);
        var commit = GitValues.IsZeroCommit(after) ? null : GitValues.Commit(after, "after");
        var (branch, tag) = GitValues.Ref(refName, "ref");
        return new Push(urls, branch, tag, commit, deleted);
    }

    /// <summary>
    /// Reads the top-level <c>repository</c> object (the reader before its value) and returns its clone and web URLs. Only the fields
    /// that name the repository itself are taken: <c>url</c> is an API address in most GitHub events.
    /// </summary>
    public static IReadOnlyList<string> Repository(ref Utf8JsonReader reader)
    {
        if (!JsonRead.StartObject(ref reader, "repository"))
        {
            return Push.NoRepository;
        }

        var urls = new RepositoryUrls();
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("clone_url"u8))
            {
                urls.Add(JsonRead.String(ref reader, "repository.clone_url"), "repository.clone_url");
            }
            else if (reader.ValueTextEquals("html_url"u8))
            {
                urls.Add(JsonRead.String(ref reader, "repository.html_url"), "repository.html_url");
            }
            else if (reader.ValueTextEquals("ssh_url"u8))
            {
                urls.Add(JsonRead.String(ref reader, "repository.ssh_url"), "repository.ssh_url");
            }
            else if (reader.ValueTextEquals("git_url"u8))
            {
                urls.Add(JsonRead.String(ref reader, "repository.git_url"), "repository.git_url");
            }
            else
            {
                // created_at and pushed_at are numbers in GitHub push payloads and strings elsewhere: never read.
                JsonRead.SkipValue(ref reader);
            }
        }

        return urls.ToList();
    }
}
