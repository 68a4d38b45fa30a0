using System.Text.Json;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// GitLab: <c>Push Hook</c> and <c>Tag Push Hook</c> name one ref with <c>ref</c>, <c>after</c> and <c>checkout_sha</c>.
/// A <c>System Hook</c> whose body is a push (object_kind push or tag_push) reads the same. <c>Pipeline Hook</c> is read by
/// <see cref="GitLabPipelineReader"/>. Every other event is ignored.
/// </summary>
internal sealed class GitLabReader : IDeliveryReader
{
    private const string PushHook = "Push Hook";
    private const string TagPushHook = "Tag Push Hook";
    private const string SystemHook = "System Hook";

    public Outcome<Delivery> Read(HookRequest request, RootObject root)
    {
        var json = root.Json;
        var eventName = request.Headers["X-Gitlab-Event"];
        var deliveryId = request.Headers["Idempotency-Key"] ?? request.Headers["X-Gitlab-Event-UUID"];
        if (eventName == SystemHook)
        {
            // A system hook sends every instance event under one header; only its body says whether it is a push.
            var kind = ReadObjectKind(json);
            if (kind is not ("push" or "tag_push"))
            {
                var ignored = Delivery.Ignored(Sender.GitLab, deliveryId, eventName, $"GitLab system hook '{kind}' is not a push");
                return Outcome<Delivery>.Success(ignored);
            }
        }
        else if (eventName == GitLabPipelineReader.Event)
        {
            return Outcome<Delivery>.Success(GitLabPipelineReader.Read(deliveryId, root));
        }
        else if (eventName is not (PushHook or TagPushHook))
        {
            // The body of an event we do not act on is not read: nothing in it could change the answer.
            var ignored = Delivery.Ignored(Sender.GitLab, deliveryId, eventName, $"GitLab event '{eventName}' is not a push");
            return Outcome<Delivery>.Success(ignored);
        }

        return Outcome<Delivery>.Success(Delivery.Pushed(Sender.GitLab, deliveryId, eventName, [ReadPush(json)]));
    }

    private static Push ReadPush(ReadOnlySpan<byte> json)
    {
        string? refName = null;
        string? after = null;
        string? checkoutSha = null;
        var urls = new RepositoryUrls();
        var reader = new Utf8JsonReader(json, JsonRead.Options);
        JsonRead.ExpectRootObject(ref reader);
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("ref"u8))
            {
                refName = JsonRead.String(ref reader, "ref");
            }
            else if (reader.ValueTextEquals("after"u8))
            {
                after = GitValues.Commit(JsonRead.String(ref reader, "after"), "after");
            }
            else if (reader.ValueTextEquals("checkout_sha"u8))
            {
                checkoutSha = GitValues.Commit(JsonRead.String(ref reader, "checkout_sha"), "checkout_sha");
            }
            else if (reader.ValueTextEquals("project"u8))
            {
                ReadUrls(ref reader, urls, "project", "web_url"u8, "project.web_url");
            }
            else if (reader.ValueTextEquals("repository"u8))
            {
                ReadUrls(ref reader, urls, "repository", "homepage"u8, "repository.homepage");
            }
            else
            {
                JsonRead.SkipValue(ref reader); // commits[] included: checkout_sha names the head
            }
        }


        var (branch, tag) = GitValues.Ref(refName, "ref");

        // A deletion sends after = zeros and checkout_sha = null. Otherwise checkout_sha is the commit the ref points
        // to, where after is the tag object for an annotated tag; after serves when checkout_sha is absent.
        if (GitValues.IsZeroCommit(after))
        {
            return new Push(urls.ToList(), branch, tag, null, Deleted: true);
        }

        return new Push(urls.ToList(), branch, tag, checkoutSha ?? after);
    }

    /// <summary>Reads <c>git_http_url</c>, <c>git_ssh_url</c> and the web address of the project or repository object.</summary>
    internal static void ReadUrls(ref Utf8JsonReader reader, RepositoryUrls urls, string field, ReadOnlySpan<byte> webName, string webField)
    {
        if (!JsonRead.StartObject(ref reader, field))
        {
            return;
        }

        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("git_http_url"u8))
            {
                var name = $"{field}.git_http_url";
                urls.Add(JsonRead.String(ref reader, name), name);
            }
            else if (reader.ValueTextEquals("git_ssh_url"u8))
            {
                var name = $"{field}.git_ssh_url";
                urls.Add(JsonRead.String(ref reader, name), name);
            }
            else if (reader.ValueTextEquals(webName))
            {
                urls.Add(JsonRead.String(ref reader, webField), webField);
            }
            else
            {
                JsonRead.SkipValue(ref reader);
            }
        }
    }

    /// <summary>The body's object_kind (else event_name): what a system hook is about.</summary>
    private static string? ReadObjectKind(ReadOnlySpan<byte> json)
    {
        string? eventName = null;
        var reader = new Utf8JsonReader(json, JsonRead.Options);
        JsonRead.ExpectRootObject(ref reader);
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("object_kind"u8))
            {
                var kind = JsonRead.String(ref reader, "object_kind");
                if (kind is not null)
                {
                    return kind;
                }
            }
            else if (reader.ValueTextEquals("event_name"u8))
            {
                eventName = JsonRead.String(ref reader, "event_name");
            }
            else
            {
                JsonRead.SkipValue(ref reader);
            }
        }

        return eventName;
    }
}
