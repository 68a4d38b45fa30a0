using System.Text.Json;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// Bitbucket Server / Data Center: <c>repo:refs_changed</c> lists one change per ref in <c>changes[]</c>;
/// <c>diagnostics:ping</c> is the hook test. Every other event key is ignored.
/// </summary>
internal sealed class BitbucketServerReader : IDeliveryReader
{
    private const string PushEvent = "repo:refs_changed";
    private const string PingEvent = "diagnostics:ping";

    public Outcome<Delivery> Read(HookRequest request, RootObject root)
    {
        var json = root.Json;
        var eventKey = request.Headers["X-Event-Key"];
        var deliveryId = request.Headers["X-Request-Id"];
        if (eventKey == PingEvent)
        {
            return Outcome<Delivery>.Success(Delivery.Ping(Sender.BitbucketServer, deliveryId, eventKey));
        }

        if (eventKey != PushEvent)
        {
            // The body of an event we do not act on is not read: nothing in it could change the answer.
            var ignored = Delivery.Ignored(Sender.BitbucketServer, deliveryId, eventKey, $"Bitbucket Server event '{eventKey}' is not a push");
            return Outcome<Delivery>.Success(ignored);
        }

        var changes = new List<RefChange>();
        var urls = new RepositoryUrls();
        string? toCommit = null;
        var reader = new Utf8JsonReader(json, JsonRead.Options);
        JsonRead.ExpectRootObject(ref reader);
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("changes"u8))
            {
                ReadChanges(ref reader, changes);
            }
            else if (reader.ValueTextEquals("repository"u8))
            {
                ReadRepository(ref reader, urls);
            }
            else if (reader.ValueTextEquals("toCommit"u8))
            {
                toCommit = ReadToCommit(ref reader);
            }
            else
            {
                JsonRead.SkipValue(ref reader); // commits[] included: toHash and toCommit say all we need
            }
        }


        IReadOnlyList<string> repositoryUrls = urls.ToList();

        // An empty changes list (a pull request merged remotely, for one) names the repository only; DeliveryReader
        // refuses it as a push without a ref, as for Bitbucket Cloud.
        IReadOnlyList<Push> pushes = changes.Count == 0
            ? [new Push(repositoryUrls, null, null, null)]
            : changes.Select(c => ToPush(c, repositoryUrls, changes.Count == 1 ? toCommit : null)).ToArray();
        return Outcome<Delivery>.Success(Delivery.Pushed(Sender.BitbucketServer, deliveryId, eventKey, pushes));
    }

    /// <summary>
    /// For an annotated tag toHash is the tag object, not a commit; the payload's toCommit is the commit it points to.
    /// toCommit describes the delivery's only change, so it is used when there is exactly one; with several changes a
    /// tag reports toHash, which for an annotated tag is the tag object (the tag name is what matters for tags).
    /// Branches always point at commits, so a branch reports toHash.
    /// </summary>
    private static Push ToPush(RefChange change, IReadOnlyList<string> urls, string? toCommit)
    {
        if (change.Deleted)
        {
            return new Push(urls, change.Branch, change.Tag, null, Deleted: true);
        }

        var commit = change.Tag is not null && toCommit is not null ? toCommit : change.ToHash;
        return new Push(urls, change.Branch, change.Tag, commit);
    }

    private static void ReadChanges(ref Utf8JsonReader reader, List<RefChange> changes)
    {
        if (!JsonRead.StartArray(ref reader, "changes"))
        {
            return;
        }

        while (JsonRead.NextElement(ref reader, "changes[]"))
        {
            PayloadCaps.CheckPushCount(changes.Count, "changes");
            changes.Add(ReadChange(ref reader));
        }
    }

    private static RefChange ReadChange(ref Utf8JsonReader reader)
    {
        string? refId = null;
        string? displayId = null;
        string? refType = null;
        string? changeRefId = null;
        string? toHash = null;
        string? changeType = null;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("ref"u8))
            {
                (refId, displayId, refType) = ReadRef(ref reader);
            }
            else if (reader.ValueTextEquals("refId"u8))
            {
                changeRefId = JsonRead.String(ref reader, "changes[].refId");
            }
            else if (reader.ValueTextEquals("toHash"u8))
            {
                toHash = GitValues.Commit(JsonRead.String(ref reader, "changes[].toHash"), "changes[].toHash");
            }
            else if (reader.ValueTextEquals("fromHash"u8))
            {
                GitValues.Commit(JsonRead.String(ref reader, "changes[].fromHash"), "changes[].fromHash");
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                changeType = JsonRead.String(ref reader, "changes[].type");
            }
            else
            {
                JsonRead.SkipValue(ref reader);
            }
        }

        var (branch, tag) = RefName(refId ?? changeRefId, displayId, refType);
        var deleted = changeType == "DELETE" || GitValues.IsZeroCommit(toHash);
        return new RefChange(branch, tag, deleted ? null : toHash, deleted);
    }

    private static (string? Id, string? DisplayId, string? Type) ReadRef(ref Utf8JsonReader reader)
    {
        if (!JsonRead.StartObject(ref reader, "changes[].ref"))
        {
            return (null, null, null);
        }

        string? id = null;
        string? displayId = null;
        string? type = null;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                id = JsonRead.String(ref reader, "changes[].ref.id");
            }
            else if (reader.ValueTextEquals("displayId"u8))
            {
                displayId = JsonRead.String(ref reader, "changes[].ref.displayId");
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                type = JsonRead.String(ref reader, "changes[].ref.type");
            }
            else
            {
                JsonRead.SkipValue(ref reader);
            }
        }

        return (id, displayId, type);
    }

    /// <summary>The full ref name (ref.id, else refId) when there is one; else displayId, a tag when ref.type says TAG.</summary>
    private static (string? Branch, string? Tag) RefName(string? fullName, string? displayId, string? refType)
    {
        if (fullName is not null && fullName.StartsWith("refs/", StringComparison.Ordinal))
        {
            return GitValues.Ref(fullName, "changes[].ref.id");
        }

        var name = GitValues.RefName(displayId ?? fullName ?? throw new PayloadFormatException("field 'changes[].ref': missing"), "changes[].ref.displayId");
        return refType == "TAG" ? (null, name) : (name, null);
    }

    private static string? ReadToCommit(ref Utf8JsonReader reader)
    {
        if (!JsonRead.StartObject(ref reader, "toCommit"))
        {
            return null;
        }

        string? id = null;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                id = GitValues.Commit(JsonRead.String(ref reader, "toCommit.id"), "toCommit.id");
            }
            else
            {
                JsonRead.SkipValue(ref reader); // parents: a whole commit tree
            }
        }

        return id;
    }

    private static void ReadRepository(ref Utf8JsonReader reader, RepositoryUrls urls)
    {
        if (!JsonRead.StartObject(ref reader, "repository"))
        {
            return;
        }

        while (JsonRead.NextProperty(ref reader))
        {
            if (!reader.ValueTextEquals("links"u8))
            {
                JsonRead.SkipValue(ref reader); // project, slug: without links there is no host to build a URL on
            }
            else if (JsonRead.StartObject(ref reader, "repository.links"))
            {
                while (JsonRead.NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("clone"u8))
                    {
                        ReadHrefs(ref reader, urls, "repository.links.clone");
                    }
                    else if (reader.ValueTextEquals("self"u8))
                    {
                        ReadHrefs(ref reader, urls, "repository.links.self");
                    }
                    else
                    {
                        JsonRead.SkipValue(ref reader);
                    }
                }
            }
        }
    }

    /// <summary>Reads <c>[{"href": ...}, ...]</c>: ssh and http clone URLs (different paths), or the browse page.</summary>
    private static void ReadHrefs(ref Utf8JsonReader reader, RepositoryUrls urls, string field)
    {
        if (!JsonRead.StartArray(ref reader, field))
        {
            return;
        }

        while (JsonRead.NextElement(ref reader, $"{field}[]"))
        {
            while (JsonRead.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("href"u8))
                {
                    AddUrl(urls, JsonRead.String(ref reader, $"{field}[].href"), $"{field}[].href");
                }
                else
                {
                    JsonRead.SkipValue(ref reader);
                }
            }
        }
    }

    private static void AddUrl(RepositoryUrls urls, string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        // links.self is the browse page (.../projects/KEY/repos/slug/browse); without "/browse" it is the address a
        // user copies from the browser, so a stack configured with it still matches.
        if (value.EndsWith("/browse", StringComparison.Ordinal))
        {
            value = value[..^"/browse".Length];
        }

        urls.Add(value, field);
    }

    private sealed record RefChange(string? Branch, string? Tag, string? ToHash, bool Deleted);
}
