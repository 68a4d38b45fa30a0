using System.Text.Json;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// Azure DevOps service hooks. A <c>git.push</c> gives one push per entry of <c>resource.refUpdates</c>, all in the repository
/// of <c>resource.repository</c>; <c>build.complete</c> is read by <see cref="AzureDevOpsBuildReader"/>; other event types are ignored. The delivery id is the body's <c>id</c>.
/// </summary>
internal sealed class AzureDevOpsReader : IDeliveryReader
{
    public Outcome<Delivery> Read(HookRequest request, RootObject root)
    {
        root.ExpectObject();
        string? id = null, eventType = null;
        RootProperty? resource = null;

        // Fields come in any order and the shape of "resource" depends on the event type: it is read once that is known.
        foreach (var property in root)
        {
            if (root.NameIs(property, "id"u8))
            {
                var reader = root.ValueReader(property);
                id = JsonRead.String(ref reader, "id");
            }
            else if (root.NameIs(property, "eventType"u8))
            {
                var reader = root.ValueReader(property);
                eventType = JsonRead.String(ref reader, "eventType");
            }
            else if (root.NameIs(property, "resource"u8))
            {
                resource = property;
            }
        }

        if (eventType == AzureDevOpsBuildReader.Event)
        {
            return Outcome<Delivery>.Success(AzureDevOpsBuildReader.Read(id, root, resource));
        }

        if (eventType != "git.push")
        {
            return Outcome<Delivery>.Success(Delivery.Ignored(Sender.AzureDevOps, id, eventType, $"event '{eventType}' is not a push"));
        }

        return Outcome<Delivery>.Success(Delivery.Pushed(Sender.AzureDevOps, id, eventType, ReadPushes(root, resource)));
    }

    private static List<Push> ReadPushes(RootObject root, RootProperty? resource)
    {
        var refUpdates = new List<(string? Name, string? NewObjectId)>();
        var urls = new RepositoryUrls(distinctByText: true);
        if (resource is { } property)
        {
            var reader = root.ValueReader(property);
            if (JsonRead.StartObject(ref reader, "resource"))
            {
                while (JsonRead.NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("refUpdates"u8))
                    {
                        ReadRefUpdates(ref reader, refUpdates);
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
            }
        }

        if (refUpdates.Count == 0)
        {
            // Read as the payload says it (the repository only); DeliveryReader refuses it as a push without a ref.
            return urls.Count == 0 ? [] : [new Push(urls.ToList(), null, null, null)];
        }

        var repositoryUrls = urls.ToList();
        return refUpdates.ConvertAll(update =>
        {
            var (branch, tag) = GitValues.Ref(update.Name, "resource.refUpdates[].name");
            var deleted = GitValues.IsZeroCommit(update.NewObjectId);
            var commit = deleted ? null : GitValues.Commit(update.NewObjectId, "resource.refUpdates[].newObjectId");
            return new Push(repositoryUrls, branch, tag, commit, deleted);
        });
    }

    private static void ReadRefUpdates(ref Utf8JsonReader reader, List<(string? Name, string? NewObjectId)> refUpdates)
    {
        if (!JsonRead.StartArray(ref reader, "resource.refUpdates"))
        {
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw PayloadFormatException.WrongType("resource.refUpdates[]", "an object", reader.TokenType);
            }

            string? name = null, newObjectId = null;
            while (JsonRead.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    name = JsonRead.String(ref reader, "resource.refUpdates[].name");
                }
                else if (reader.ValueTextEquals("newObjectId"u8))
                {
                    newObjectId = JsonRead.String(ref reader, "resource.refUpdates[].newObjectId");
                }
                else
                {
                    JsonRead.SkipValue(ref reader);
                }
            }

            PayloadCaps.CheckPushCount(refUpdates.Count, "resource.refUpdates");
            refUpdates.Add((name, newObjectId));
        }
    }

    /// <summary>remoteUrl may carry the organisation as a user (https://org@dev.azure.com/...): kept, normalisation drops it.</summary>
    private static void ReadRepository(ref Utf8JsonReader reader, RepositoryUrls urls)
    {
        if (!JsonRead.StartObject(ref reader, "resource.repository"))
        {
            return;
        }

        while (JsonRead.NextProperty(ref reader))
        {
            string? field = reader.ValueTextEquals("remoteUrl"u8) ? "resource.repository.remoteUrl"
                : reader.ValueTextEquals("sshUrl"u8) ? "resource.repository.sshUrl"
                : reader.ValueTextEquals("webUrl"u8) ? "resource.repository.webUrl"
                : null;
            if (field is null)
            {
                JsonRead.SkipValue(ref reader);
                continue;
            }

            urls.Add(JsonRead.String(ref reader, field), field);
        }
    }
}
