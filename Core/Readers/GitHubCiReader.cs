using System.Text.Json;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// GitHub's CI events (CONTRACT §9): <c>workflow_run</c> and <c>check_suite</c> (action <c>completed</c>), and <c>status</c>.
/// The root properties are read once; repository URLs are those of a push (<see cref="GitHubLikePayload.Repository"/>).
/// </summary>
internal static class GitHubCiReader
{
    public static bool Reads(string @event) => @event is "workflow_run" or "check_suite" or "status";

    public static Delivery Read(string? deliveryId, string @event, RootObject root)
    {
        root.ExpectObject();
        return @event switch
        {
            "workflow_run" => WorkflowRun(deliveryId, root),
            "check_suite" => CheckSuite(deliveryId, root),
            _ => Status(deliveryId, root),
        };
    }

    private static Delivery WorkflowRun(string? deliveryId, RootObject root)
    {
        var (action, urls, run, workflowName) = ReadEvent(root, "workflow_run"u8, "workflow_run", readsWorkflow: true);

        const string @event = "workflow_run";
        var verdict = Verdict(action, run.Conclusion);
        if (verdict == CiVerdict.Unfinished)
        {
            return CiEvents.Unfinished(Sender.GitHub, deliveryId, @event);
        }

        // A pull request from a fork runs on the fork's commit and branch: never a deployment of this repository's code.
        if (run.HeadRepositoryUrls is { Count: > 0 } heads && urls.Count > 0
            && !heads.Any(head => urls.Any(url => Hooks.RepositoryUrl.SameRepository(head, url))))
        {
            return Delivery.Ignored(Sender.GitHub, deliveryId, @event, "run of a fork's commit");
        }

        // Octokit's example sends an empty workflow_run.name; the workflow's own name is the same text.
        var name = new CiEvents.Field(string.IsNullOrEmpty(run.Name) ? workflowName : run.Name, "workflow_run.name");
        return CiEvents.Finished(
            Sender.GitHub,
            deliveryId,
            @event,
            verdict,
            new(run.Conclusion, "workflow_run.conclusion"),
            name,
            new(run.HeadSha, "workflow_run.head_sha"),
            urls,
            run.HeadBranch is null ? [] : [run.HeadBranch]);
    }

    private static Delivery CheckSuite(string? deliveryId, RootObject root)
    {
        var (action, urls, suite, _) = ReadEvent(root, "check_suite"u8, "check_suite", readsWorkflow: false);

        const string @event = "check_suite";
        var verdict = Verdict(action, suite.Conclusion);
        if (verdict == CiVerdict.Unfinished)
        {
            return CiEvents.Unfinished(Sender.GitHub, deliveryId, @event);
        }

        // GitHub leaves head_branch null when the suite ran on a fork's branch: without it, every branch would match.
        if (suite.HeadBranch is null)
        {
            return Delivery.Ignored(Sender.GitHub, deliveryId, @event, "check suite names no branch (a fork's commit)");
        }

        return CiEvents.Finished(
            Sender.GitHub,
            deliveryId,
            @event,
            verdict,
            new(suite.Conclusion, "check_suite.conclusion"),
            new(suite.Name, "check_suite.app.slug"),
            new(suite.HeadSha, "check_suite.head_sha"),
            urls,
            [suite.HeadBranch]);
    }

    /// <summary>The members a workflow run and a check suite event share: action, repository, the run itself (and the workflow's name).</summary>
    private static (string? Action, IReadOnlyList<string> Urls, Run Run, string? WorkflowName) ReadEvent(
        RootObject root, ReadOnlySpan<byte> runName, string runField, bool readsWorkflow)
    {
        string? action = null, workflowName = null;
        IReadOnlyList<string> urls = Push.NoRepository;
        var run = default(Run);
        foreach (var property in root)
        {
            var reader = root.ValueReader(property);
            if (root.NameIs(property, "action"u8))
            {
                action = JsonRead.String(ref reader, "action");
            }
            else if (root.NameIs(property, "repository"u8))
            {
                urls = GitHubLikePayload.Repository(ref reader);
            }
            else if (readsWorkflow && root.NameIs(property, "workflow"u8))
            {
                workflowName = JsonRead.StringMember(ref reader, "workflow", "name"u8, "workflow.name");
            }
            else if (root.NameIs(property, runName))
            {
                run = ReadRun(ref reader, runField);
            }
        }

        return (action, urls, run, workflowName);
    }

    private static Delivery Status(string? deliveryId, RootObject root)
    {
        string? sha = null, state = null, context = null;
        IReadOnlyList<string> urls = Push.NoRepository;
        var branches = new List<string>();
        foreach (var property in root)
        {
            var reader = root.ValueReader(property);
            if (root.NameIs(property, "sha"u8))
            {
                sha = GitValues.Commit(JsonRead.String(ref reader, "sha"), "sha");
            }
            else if (root.NameIs(property, "state"u8))
            {
                state = JsonRead.String(ref reader, "state");
            }
            else if (root.NameIs(property, "context"u8))
            {
                context = JsonRead.String(ref reader, "context");
            }
            else if (root.NameIs(property, "repository"u8))
            {
                urls = GitHubLikePayload.Repository(ref reader);
            }
            else if (root.NameIs(property, "branches"u8))
            {
                ReadBranches(ref reader, branches);
            }
        }

        const string @event = "status";
        var verdict = state switch
        {
            "pending" => CiVerdict.Unfinished,
            "success" => CiVerdict.Succeeded,
            "failure" or "error" => CiVerdict.Failed,
            _ => CiVerdict.Neither,
        };
        return verdict == CiVerdict.Unfinished
            ? CiEvents.Unfinished(Sender.GitHub, deliveryId, @event)
            : CiEvents.Finished(Sender.GitHub, deliveryId, @event, verdict, new(state, "state"), new(context, "context"), new(sha, "sha"), urls, branches);
    }

    /// <summary>workflow_run and check_suite report alike: only action <c>completed</c> carries a conclusion.</summary>
    private static CiVerdict Verdict(string? action, string? conclusion) => action != "completed"
        ? CiVerdict.Unfinished
        : conclusion switch
        {
            "success" => CiVerdict.Succeeded,
            "failure" or "cancelled" or "timed_out" => CiVerdict.Failed,
            _ => CiVerdict.Neither,
        };

    /// <summary>The <c>workflow_run</c> or <c>check_suite</c> object: the same head fields; the name differs.</summary>
    private static Run ReadRun(ref Utf8JsonReader reader, string field)
    {
        var run = default(Run);
        if (!JsonRead.StartObject(ref reader, field))
        {
            return run;
        }

        string? slug = null, appName = null;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("conclusion"u8))
            {
                run.Conclusion = JsonRead.String(ref reader, $"{field}.conclusion");
            }
            else if (reader.ValueTextEquals("head_branch"u8))
            {
                var branch = JsonRead.String(ref reader, $"{field}.head_branch");
                run.HeadBranch = string.IsNullOrEmpty(branch) ? null : GitValues.RefName(branch, $"{field}.head_branch");
            }
            else if (reader.ValueTextEquals("head_sha"u8))
            {
                run.HeadSha = GitValues.Commit(JsonRead.String(ref reader, $"{field}.head_sha"), $"{field}.head_sha");
            }
            else if (reader.ValueTextEquals("name"u8) && field == "workflow_run")
            {
                run.Name = JsonRead.String(ref reader, "workflow_run.name");
            }
            else if (reader.ValueTextEquals("head_repository"u8) && field == "workflow_run")
            {
                run.HeadRepositoryUrls = GitHubLikePayload.Repository(ref reader);
            }
            else if (reader.ValueTextEquals("app"u8) && field == "check_suite")
            {
                (slug, appName) = ReadApp(ref reader);
            }
            else
            {
                JsonRead.SkipValue(ref reader);
            }
        }

        // Apps have a slug; octokit's example app has only its name, which then serves.
        if (field == "check_suite")
        {
            run.Name = string.IsNullOrEmpty(slug) ? appName : slug;
        }

        return run;
    }

    private static (string? Slug, string? Name) ReadApp(ref Utf8JsonReader reader)
    {
        string? slug = null, name = null;
        if (!JsonRead.StartObject(ref reader, "check_suite.app"))
        {
            return (slug, name);
        }

        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("slug"u8))
            {
                slug = JsonRead.String(ref reader, "check_suite.app.slug");
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                name = JsonRead.String(ref reader, "check_suite.app.name");
            }
            else
            {
                JsonRead.SkipValue(ref reader);
            }
        }

        return (slug, name);
    }

    /// <summary>The names of <c>branches[]</c>: the branches whose head is the commit when the status was set.</summary>
    private static void ReadBranches(ref Utf8JsonReader reader, List<string> branches)
    {
        if (!JsonRead.StartArray(ref reader, "branches"))
        {
            return;
        }

        while (JsonRead.NextElement(ref reader, "branches[]"))
        {
            var name = JsonRead.StringMemberOfStarted(ref reader, "name"u8, "branches[].name");
            if (!string.IsNullOrEmpty(name))
            {
                PayloadCaps.CheckPushCount(branches.Count, "branches");
                branches.Add(GitValues.RefName(name, "branches[].name"));
            }
        }
    }
    private struct Run
    {
        public string? Name;
        public string? Conclusion;
        public string? HeadBranch;
        public string? HeadSha;
        public IReadOnlyList<string>? HeadRepositoryUrls;
    }
}
