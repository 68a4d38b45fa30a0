using System.Text.Json;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// GitLab's <c>Pipeline Hook</c> (CONTRACT §9): one pipeline of a branch, with its status, <c>object_attributes.sha</c> and
/// <c>.ref</c>, and the project's URLs as a push names them. The check is called <c>pipeline</c>.
/// </summary>
internal static class GitLabPipelineReader
{
    public const string Event = "Pipeline Hook";
    public const string CheckName = "pipeline";

    public static Delivery Read(string? deliveryId, RootObject root)
    {
        root.ExpectObject();
        var attributes = default(Attributes);
        var urls = new RepositoryUrls();
        foreach (var property in root)
        {
            var reader = root.ValueReader(property);
            if (root.NameIs(property, "object_attributes"u8))
            {
                attributes = ReadAttributes(ref reader);
            }
            else if (root.NameIs(property, "project"u8))
            {
                GitLabReader.ReadUrls(ref reader, urls, "project", "web_url"u8, "project.web_url");
            }
            else if (root.NameIs(property, "repository"u8))
            {
                GitLabReader.ReadUrls(ref reader, urls, "repository", "homepage"u8, "repository.homepage");
            }
        }

        // A merge request pipeline runs on a merge ref (or the source branch of a fork), a tag pipeline on a tag: neither
        // is a commit of a branch a stack tracks. Their branch pipelines report the same commit.
        if (attributes.Source == "merge_request_event")
        {
            return Delivery.Ignored(Sender.GitLab, deliveryId, Event, "merge request pipeline (only branch pipelines count)");
        }

        if (attributes.Tag)
        {
            return Delivery.Ignored(Sender.GitLab, deliveryId, Event, "tag pipeline (only branch pipelines count)");
        }

        var verdict = attributes.Status switch
        {
            "success" => CiVerdict.Succeeded,
            "failed" or "canceled" => CiVerdict.Failed,
            "created" or "waiting_for_resource" or "preparing" or "pending" or "running" or "canceling" or "scheduled" or "manual" => CiVerdict.Unfinished,
            _ => CiVerdict.Neither,
        };
        if (verdict == CiVerdict.Unfinished)
        {
            return CiEvents.Unfinished(Sender.GitLab, deliveryId, Event);
        }

        return CiEvents.Finished(
            Sender.GitLab,
            deliveryId,
            Event,
            verdict,
            new(attributes.Status, "object_attributes.status"),
            new(CheckName, "object_attributes"),
            new(attributes.Sha, "object_attributes.sha"),
            urls.ToList(),
            attributes.Branch is null ? [] : [attributes.Branch]);
    }

    private static Attributes ReadAttributes(ref Utf8JsonReader reader)
    {
        var attributes = default(Attributes);
        if (!JsonRead.StartObject(ref reader, "object_attributes"))
        {
            return attributes;
        }

        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("ref"u8))
            {
                var name = JsonRead.String(ref reader, "object_attributes.ref");
                attributes.Branch = string.IsNullOrEmpty(name) ? null : GitValues.RefName(name, "object_attributes.ref");
            }
            else if (reader.ValueTextEquals("tag"u8))
            {
                attributes.Tag = JsonRead.Boolean(ref reader, "object_attributes.tag") ?? false;
            }
            else if (reader.ValueTextEquals("sha"u8))
            {
                attributes.Sha = GitValues.Commit(JsonRead.String(ref reader, "object_attributes.sha"), "object_attributes.sha");
            }
            else if (reader.ValueTextEquals("source"u8))
            {
                attributes.Source = JsonRead.String(ref reader, "object_attributes.source");
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                attributes.Status = JsonRead.String(ref reader, "object_attributes.status");
            }
            else
            {
                JsonRead.SkipValue(ref reader);
            }
        }

        return attributes;
    }

    private struct Attributes
    {
        public string? Branch;
        public bool Tag;
        public string? Sha;
        public string? Source;
        public string? Status;
    }
}
