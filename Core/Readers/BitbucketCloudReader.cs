using System.Text.Json;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// Bitbucket Cloud: <c>repo:push</c> lists one change per ref in <c>push.changes[]</c>, each with the ref's
/// <c>old</c> and <c>new</c> state. Commit statuses are read by <see cref="BitbucketCommitStatusReader"/>. Every other event
/// key is ignored.
/// </summary>
internal sealed class BitbucketCloudReader : IDeliveryReader
{
    private const string PushEvent = "repo:push";

    public Outcome<Delivery> Read(HookRequest request, RootObject root)
    {
        var json = root.Json;
        var eventKey = request.Headers["X-Event-Key"];
        var deliveryId = request.Headers["X-Request-UUID"];
        if (BitbucketCommitStatusReader.Reads(eventKey))
        {
            return Outcome<Delivery>.Success(BitbucketCommitStatusReader.Read(deliveryId, eventKey!, root));
        }

        if (eventKey != PushEvent)
        {
            // The body of an event we do not act on is not read: nothing in it could change the answer.
            var ignored = Delivery.Ignored(Sender.BitbucketCloud, deliveryId, eventKey, $"Bitbucket Cloud event '{eventKey}' is not a push");
            return Outcome<Delivery>.Success(ignored);
        }

        var changes = new List<RefChange>();
        var urls = new RepositoryUrls();
        var reader = new Utf8JsonReader(json, JsonRead.Options);
        JsonRead.ExpectRootObject(ref reader);
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("push"u8))
            {
                ReadPush(ref reader, changes);
            }
            else if (reader.ValueTextEquals("repository"u8))
            {
                ReadRepository(ref reader, urls);
            }
            else
            {
                JsonRead.SkipValue(ref reader);
            }
        }


        IReadOnlyList<string> repositoryUrls = urls.ToList();

        // An empty changes list (undocumented, but seen in the wild) is read as one push naming the repository only, what
        // the payload says; DeliveryReader refuses it as a push without a ref (never "no Git information").
        IReadOnlyList<Push> pushes = changes.Count == 0
            ? [new Push(repositoryUrls, null, null, null)]
            : changes.Select(c => new Push(repositoryUrls, c.Branch, c.Tag, c.Commit, c.Deleted)).ToArray();
        return Outcome<Delivery>.Success(Delivery.Pushed(Sender.BitbucketCloud, deliveryId, eventKey, pushes));
    }

    private static void ReadPush(ref Utf8JsonReader reader, List<RefChange> changes)
    {
        if (!JsonRead.StartObject(ref reader, "push"))
        {
            return;
        }

        while (JsonRead.NextProperty(ref reader))
        {
            if (!reader.ValueTextEquals("changes"u8))
            {
                JsonRead.SkipValue(ref reader);
            }
            else if (JsonRead.StartArray(ref reader, "push.changes"))
            {
                while (JsonRead.NextElement(ref reader, "push.changes[]"))
                {
                    PayloadCaps.CheckPushCount(changes.Count, "push.changes");
                    changes.Add(ReadChange(ref reader));
                }
            }
        }
    }

    private static RefChange ReadChange(ref Utf8JsonReader reader)
    {
        RefState? newRef = null;
        RefState? oldRef = null;
        var closed = false;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("new"u8))
            {
                newRef = ReadRef(ref reader, "push.changes[].new");
            }
            else if (reader.ValueTextEquals("old"u8))
            {
                oldRef = ReadRef(ref reader, "push.changes[].old");
            }
            else if (reader.ValueTextEquals("closed"u8))
            {
                closed = JsonRead.Boolean(ref reader, "push.changes[].closed") ?? false;
            }
            else
            {
                // created, forced, truncated, commits, links: new.target is the ref's head whatever the (possibly
                // truncated) commit list holds, and a created ref is a push like any other.
                JsonRead.SkipValue(ref reader);
            }
        }

        // new == null is how Bitbucket says the ref was deleted; closed says the same and is trusted when both are sent.
        var current = newRef ?? oldRef ?? throw new PayloadFormatException("field 'push.changes[]': neither new nor old is set");
        var field = newRef is null ? "push.changes[].old" : "push.changes[].new";
        var deleted = newRef is null || closed;
        var name = GitValues.RefName(current.Name ?? throw new PayloadFormatException($"field '{field}.name': missing"), $"{field}.name");
        var isTag = current.Type switch
        {
            null or "branch" or "named_branch" or "bookmark" => false,
            "tag" or "annotated_tag" => true,
            _ => throw new PayloadFormatException($"field '{field}.type': expected branch or tag"),
        };
        return new RefChange(isTag ? null : name, isTag ? name : null, deleted ? null : current.Hash, deleted);
    }

    private static RefState? ReadRef(ref Utf8JsonReader reader, string field)
    {
        if (!JsonRead.StartObject(ref reader, field))
        {
            return null;
        }

        string? type = null;
        string? name = null;
        string? hash = null;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("type"u8))
            {
                type = JsonRead.String(ref reader, $"{field}.type");
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                name = JsonRead.String(ref reader, $"{field}.name");
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                var hashField = $"{field}.target.hash";
                hash = GitValues.Commit(JsonRead.StringMember(ref reader, $"{field}.target", "hash"u8, hashField), hashField);
            }
            else
            {
                JsonRead.SkipValue(ref reader);
            }
        }

        return new RefState(type, name, hash);
    }

    internal static void ReadRepository(ref Utf8JsonReader reader, RepositoryUrls urls)
    {
        if (!JsonRead.StartObject(ref reader, "repository"))
        {
            return;
        }

        string? fullName = null;
        string? html = null;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("full_name"u8))
            {
                fullName = JsonRead.String(ref reader, "repository.full_name");
            }
            else if (!reader.ValueTextEquals("links"u8))
            {
                JsonRead.SkipValue(ref reader);
            }
            else if (JsonRead.StartObject(ref reader, "repository.links"))
            {
                while (JsonRead.NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("html"u8))
                    {
                        html = JsonRead.StringMember(ref reader, "repository.links.html", "href"u8, "repository.links.html.href");
                    }
                    else
                    {
                        JsonRead.SkipValue(ref reader);
                    }
                }
            }
        }

        // links.html is often the only URL in the payload; full_name gives the same on bitbucket.org when links are absent.
        urls.Add(html, "repository.links.html.href");
        urls.Add(string.IsNullOrEmpty(fullName) ? null : $"https://bitbucket.org/{fullName}", "repository.full_name");
    }
    private sealed record RefState(string? Type, string? Name, string? Hash);

    private sealed record RefChange(string? Branch, string? Tag, string? Commit, bool Deleted);
}
