using System.Text.Json;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// GitHub deliveries, named by <c>X-GitHub-Event</c>: <c>push</c> gives one push, <c>ping</c> a ping, every other event
/// (including <c>workflow_run</c>, read for later use) is ignored with its name.
/// </summary>
internal sealed class GitHubReader : IDeliveryReader
{
    public const string WorkflowRunIgnoredReason = "workflow_run is not acted on yet";

    public Outcome<Delivery> Read(HookRequest request, RootObject root)
    {
        var deliveryId = request.Headers["X-GitHub-Delivery"];
        var @event = request.Headers["X-GitHub-Event"];
        if (string.IsNullOrEmpty(@event))
        {
            return Failure.Malformed("the X-GitHub-Event header is missing");
        }

        return Outcome<Delivery>.Success(@event switch
        {
            "push" => Delivery.Pushed(Sender.GitHub, deliveryId, @event, [GitHubLikePayload.ReadPush(root)]),
            "ping" => Delivery.Ping(Sender.GitHub, deliveryId, @event),
            "deployment" => GitHubDeploymentReader.Read(deliveryId, @event, root),
            "workflow_run" => WorkflowRun(deliveryId, ReadWorkflowRun(root.Json)),
            _ => Delivery.Ignored(Sender.GitHub, deliveryId, @event, $"event '{@event}' is not a push"),
        });
    }

    // The run is read (so a malformed one is refused) but not used yet: see GitHubWorkflowRun.
    private static Delivery WorkflowRun(string? deliveryId, GitHubWorkflowRun _) =>
        Delivery.Ignored(Sender.GitHub, deliveryId, "workflow_run", WorkflowRunIgnoredReason);

    /// <summary>Reads the fields of a <c>workflow_run</c> delivery that a deployment on CI success would need.</summary>
    public static GitHubWorkflowRun ReadWorkflowRun(ReadOnlySpan<byte> json)
    {
        string? action = null;
        IReadOnlyList<string> urls = Push.NoRepository;
        var run = new GitHubWorkflowRun(null, null, null, null, null, urls);

        var reader = new Utf8JsonReader(json, JsonRead.Options);
        JsonRead.ExpectRootObject(ref reader);
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("action"u8))
            {
                action = JsonRead.String(ref reader, "action");
            }
            else if (reader.ValueTextEquals("repository"u8))
            {
                urls = GitHubLikePayload.Repository(ref reader);
            }
            else if (reader.ValueTextEquals("workflow_run"u8))
            {
                run = Run(ref reader);
            }
            else
            {
                JsonRead.SkipValue(ref reader);
            }
        }

        return run with { Action = action, RepositoryUrls = urls };
    }

    private static GitHubWorkflowRun Run(ref Utf8JsonReader reader)
    {
        string? status = null, conclusion = null, headBranch = null, headSha = null;
        if (JsonRead.StartObject(ref reader, "workflow_run"))
        {
            while (JsonRead.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("status"u8))
                {
                    status = JsonRead.String(ref reader, "workflow_run.status");
                }
                else if (reader.ValueTextEquals("conclusion"u8))
                {
                    conclusion = JsonRead.String(ref reader, "workflow_run.conclusion");
                }
                else if (reader.ValueTextEquals("head_branch"u8))
                {
                    headBranch = JsonRead.String(ref reader, "workflow_run.head_branch");
                }
                else if (reader.ValueTextEquals("head_sha"u8))
                {
                    headSha = GitValues.Commit(JsonRead.String(ref reader, "workflow_run.head_sha"), "workflow_run.head_sha");
                }
                else
                {
                    JsonRead.SkipValue(ref reader);
                }
            }
        }

        return new GitHubWorkflowRun(null, status, conclusion, headBranch, headSha, Push.NoRepository);
    }
}
