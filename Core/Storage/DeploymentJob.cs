using System.Text.Json.Serialization;
using Redeploy.Core.Matching;

namespace Redeploy.Core.Storage;

/// <summary>
/// What the deployer receives on <c>deployment-jobs</c>. <see cref="JobId"/> equals the request id: a deployer that
/// sees the same job id twice has seen the same job (see docs/decisions.md on the one-job guarantee).
/// </summary>
public sealed record DeploymentJob(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("jobId")] string JobId,
    [property: JsonPropertyName("stackUid")] string StackUid,
    [property: JsonPropertyName("stack")] string StackName,
    [property: JsonPropertyName("services")] IReadOnlyList<ServiceDeployment> Services,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt)
{
    public const int CurrentVersion = 1;

    /// <summary>The request this job deploys (CONTRACT §7).</summary>
    [JsonPropertyName("requestId")]
    public string? RequestId { get; init; }

    /// <summary>Where the deployer reports: holds the job's token, so the job is as secret as its callback.</summary>
    [JsonPropertyName("callbackUrl")]
    public string? CallbackUrl { get; init; }
}
