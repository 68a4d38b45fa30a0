using System.Text.Json;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// Bitbucket Cloud's <c>repo:commit_status_created</c> and <c>repo:commit_status_updated</c> (CONTRACT §9): the status of one
/// build (Bitbucket Pipelines or any tool) on a commit, named by <c>commit_status.key</c>, with the repository's URLs as
/// a push names them.
/// </summary>
internal static class BitbucketCommitStatusReader
{
    public static bool Reads(string? eventKey) => eventKey is "repo:commit_status_created" or "repo:commit_status_updated";

    public static Delivery Read(string? deliveryId, string eventKey, RootObject root)
    {
        root.ExpectObject();
        var status = default(Status);
        var urls = new RepositoryUrls();
        foreach (var property in root)
        {
            var reader = root.ValueReader(property);
            if (root.NameIs(property, "commit_status"u8))
            {
                status = ReadStatus(ref reader);
            }
            else if (root.NameIs(property, "repository"u8))
            {
                BitbucketCloudReader.ReadRepository(ref reader, urls);
            }
        }

        var verdict = status.State switch
        {
            "SUCCESSFUL" => CiVerdict.Succeeded,
            "FAILED" or "STOPPED" => CiVerdict.Failed,
            "INPROGRESS" => CiVerdict.Unfinished,
            _ => CiVerdict.Neither,
        };
        if (verdict == CiVerdict.Unfinished)
        {
            return CiEvents.Unfinished(Sender.BitbucketCloud, deliveryId, eventKey);
        }

        // Atlassian's own example has no commit object: the commit is then only in the link to it.
        var commit = status.Hash is not null
            ? new CiEvents.Field(status.Hash, "commit_status.commit.hash")
            : new CiEvents.Field(LastSegment(status.CommitHref), "commit_status.links.commit.href");
        return CiEvents.Finished(
            Sender.BitbucketCloud,
            deliveryId,
            eventKey,
            verdict,
            new(status.State, "commit_status.state"),
            new(status.Key, "commit_status.key"),
            commit,
            urls.ToList(),
            status.RefName is null ? [] : [status.RefName]);
    }

    /// <summary>The commit at the end of <c>.../commit/{hash}</c>, checked as a commit; null without a link.</summary>
    private static string? LastSegment(string? href)
    {
        if (string.IsNullOrEmpty(href))
        {
            return null;
        }

        var path = href.AsSpan().TrimEnd('/');
        return GitValues.Commit(path[(path.LastIndexOf('/') + 1)..].ToString(), "commit_status.links.commit.href");
    }

    private static Status ReadStatus(ref Utf8JsonReader reader)
    {
        var status = default(Status);
        if (!JsonRead.StartObject(ref reader, "commit_status"))
        {
            return status;
        }

        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("key"u8))
            {
                status.Key = JsonRead.String(ref reader, "commit_status.key");
            }
            else if (reader.ValueTextEquals("state"u8))
            {
                status.State = JsonRead.String(ref reader, "commit_status.state");
            }
            else if (reader.ValueTextEquals("refname"u8))
            {
                var name = JsonRead.String(ref reader, "commit_status.refname");
                status.RefName = string.IsNullOrEmpty(name) ? null : GitValues.RefName(name, "commit_status.refname");
            }
            else if (reader.ValueTextEquals("commit"u8))
            {
                var hash = JsonRead.StringMember(ref reader, "commit_status.commit", "hash"u8, "commit_status.commit.hash");
                status.Hash = GitValues.Commit(hash, "commit_status.commit.hash");
            }
            else if (!reader.ValueTextEquals("links"u8))
            {
                JsonRead.SkipValue(ref reader);
            }
            else if (JsonRead.StartObject(ref reader, "commit_status.links"))
            {
                while (JsonRead.NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("commit"u8))
                    {
                        status.CommitHref = JsonRead.StringMember(ref reader, "commit_status.links.commit", "href"u8, "commit_status.links.commit.href");
                    }
                    else
                    {
                        JsonRead.SkipValue(ref reader);
                    }
                }
            }
        }

        return status;
    }

    private struct Status
    {
        public string? Key;
        public string? State;
        public string? RefName;
        public string? Hash;
        public string? CommitHref;
    }
}
