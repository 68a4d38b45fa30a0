using System.Text.Json.Serialization;

namespace Redeploy.Core.GitHub;

/// <summary>
/// One GitHub deployment of a request: a (repository, ref) and the services deployed from it, and what Redeploy has done
/// there. Bounded: one per distinct (repository, ref) of the stack's services; <see cref="Error"/> is cut short.
/// </summary>
/// <param name="ClaimedAt">Set just before the deployment is created: a later attempt that finds it without an id looks the deployment up first.</param>
/// <param name="State">The last GitHub state posted (queued, in_progress, success, failure, error).</param>
/// <param name="Error">Why Redeploy gave up on this deployment (GitHub refused a call).</param>
internal sealed record GitHubDeploymentTarget(
    [property: JsonPropertyName("repository")] string Repository,
    [property: JsonPropertyName("ref")] string Ref,
    [property: JsonPropertyName("services")] IReadOnlyList<string> Services,
    [property: JsonPropertyName("deploymentId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? DeploymentId = null,
    [property: JsonPropertyName("claimedAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ClaimedAt = null,
    [property: JsonPropertyName("state"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? State = null,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null)
{
    public const int MaxErrorLength = 300;

    public GitHubRepository GitHubRepository => Repository.Split('/') is [var owner, var name] ? new(owner, name) : throw new FormatException(Repository);

    public GitHubDeploymentTarget WithError(string error) =>
        this with { Error = error.Length <= MaxErrorLength ? error : error[..(MaxErrorLength - 1)] + "…" };
}
