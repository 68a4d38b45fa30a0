using System.Text.Json.Serialization;

namespace Redeploy.Core.Storage;

/// <summary>
/// One report of a deployer about a job (CONTRACT §7), as read and bounded: <see cref="State"/> is one of
/// <see cref="States"/>, the description at most 140 characters, the URLs absolute http(s).
/// </summary>
public sealed record DeploymentReport(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("logUrl")] string? LogUrl = null,
    [property: JsonPropertyName("environmentUrl")] string? EnvironmentUrl = null)
{
    public const string Started = "started";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> States = [Started, Succeeded, Failed, Cancelled];
}
