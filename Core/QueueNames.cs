namespace Redeploy.Core;

/// <summary>
/// The queues the app's triggers listen to. Fixed, not settings: a trigger's queue is compiled into its attribute, so a
/// configurable name would make the app write where nothing listens (docs/decisions.md, "Queue names are constants").
/// </summary>
public static class QueueNames
{
    /// <summary>Hook and manual requests, for the processor.</summary>
    public const string Requests = "redeploy-requests";

    /// <summary>The outbox of webhook deployers.</summary>
    public const string Deliveries = "deployer-deliveries";

    /// <summary>Reports that deployers inside Azure put on a queue instead of calling back.</summary>
    public const string DeploymentEvents = "deployment-events";

    /// <summary>The outbox of GitHub deployment statuses.</summary>
    public const string GitHubUpdates = "github-updates";

    /// <summary>The host moves a message that failed <see cref="PipelineTimings.MaxDequeueCount"/> times to its queue's name plus this.</summary>
    public const string PoisonSuffix = "-poison";

    public static string Poison(string queue) => queue + PoisonSuffix;
}
