using System.Text.Json;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// Azure DevOps' <c>build.complete</c> (CONTRACT §9): one build of a pipeline definition, with its result,
/// <c>resource.sourceVersion</c>, <c>.sourceBranch</c> and <c>.repository.url</c>. A build whose repository has no URL
/// cannot be matched to a stack and is ignored.
/// </summary>
internal static class AzureDevOpsBuildReader
{
    public const string Event = "build.complete";
    public const string NoRepositoryReason = "build names no repository URL";

    public static Delivery Read(string? deliveryId, RootObject root, RootProperty? resource)
    {
        var build = default(Build);
        var urls = new RepositoryUrls(distinctByText: true);
        if (resource is { } property)
        {
            var reader = root.ValueReader(property);
            build = ReadResource(ref reader, urls);
        }

        // Builds of the 2016 (XAML) format have no result: their status is the outcome.
        var conclusion = build.Result ?? build.Status;
        var verdict = conclusion switch
        {
            "succeeded" => CiVerdict.Succeeded,
            "failed" or "canceled" => CiVerdict.Failed,
            null or "notStarted" or "inProgress" or "cancelling" or "postponed" => CiVerdict.Unfinished,
            _ => CiVerdict.Neither,
        };
        if (verdict == CiVerdict.Unfinished)
        {
            return CiEvents.Unfinished(Sender.AzureDevOps, deliveryId, Event);
        }

        // A pull request build runs on a merge commit, a tag build on a tag: neither is a commit of a branch a stack tracks.
        if (build.SourceBranch?.StartsWith("refs/pull/", StringComparison.Ordinal) == true)
        {
            return Delivery.Ignored(Sender.AzureDevOps, deliveryId, Event, "pull request build (only branch builds count)");
        }

        var (branch, tag) = GitValues.Ref(build.SourceBranch, "resource.sourceBranch");
        if (tag is not null)
        {
            return Delivery.Ignored(Sender.AzureDevOps, deliveryId, Event, "tag build (only branch builds count)");
        }

        if (urls.Count == 0)
        {
            return Delivery.Ignored(Sender.AzureDevOps, deliveryId, Event, NoRepositoryReason);
        }

        return CiEvents.Finished(
            Sender.AzureDevOps,
            deliveryId,
            Event,
            verdict,
            new(conclusion, build.Result is null ? "resource.status" : "resource.result"),
            new(build.DefinitionName, "resource.definition.name"),
            new(build.SourceVersion, "resource.sourceVersion"),
            urls.ToList(),
            branch is null ? [] : [branch]);
    }

    private static Build ReadResource(ref Utf8JsonReader reader, RepositoryUrls urls)
    {
        var build = default(Build);
        if (!JsonRead.StartObject(ref reader, "resource"))
        {
            return build;
        }

        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("status"u8))
            {
                build.Status = JsonRead.String(ref reader, "resource.status");
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                build.Result = JsonRead.String(ref reader, "resource.result");
            }
            else if (reader.ValueTextEquals("sourceBranch"u8))
            {
                build.SourceBranch = JsonRead.String(ref reader, "resource.sourceBranch");
            }
            else if (reader.ValueTextEquals("sourceVersion"u8))
            {
                build.SourceVersion = GitValues.Commit(JsonRead.String(ref reader, "resource.sourceVersion"), "resource.sourceVersion");
            }
            else if (reader.ValueTextEquals("definition"u8))
            {
                build.DefinitionName = JsonRead.StringMember(ref reader, "resource.definition", "name"u8, "resource.definition.name");
            }
            else if (reader.ValueTextEquals("repository"u8))
            {
                urls.Add(JsonRead.StringMember(ref reader, "resource.repository", "url"u8, "resource.repository.url"), "resource.repository.url");
            }
            else
            {
                JsonRead.SkipValue(ref reader);
            }
        }

        return build;
    }
    private struct Build
    {
        public string? Status;
        public string? Result;
        public string? SourceBranch;
        public string? SourceVersion;
        public string? DefinitionName;
    }
}
