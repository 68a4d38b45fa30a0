using System.Text.Json.Serialization;
using Redeploy.Core.Observers;

namespace Redeploy.Core.GitHub;

/// <summary>A message on <c>github-updates</c>: request R of stack S reached state X (CONTRACT §8's outbox).</summary>
public sealed record GitHubUpdate(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("stackUid")] string StackUid,
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("state"), JsonConverter(typeof(JsonStringEnumConverter<DeploymentState>))] DeploymentState State,
    [property: JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description = null,
    [property: JsonPropertyName("logUrl"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LogUrl = null,
    [property: JsonPropertyName("environmentUrl"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EnvironmentUrl = null)
{
    public const int CurrentVersion = 1;
}
