using System.Text.Json.Serialization;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Deployments;

/// <summary>
/// One attempt to deliver a job, on the outbox queue <c>deployer-deliveries</c>. It carries the job as sent (its callback
/// URL holds the job token, which is stored nowhere else) and when the first attempt was, for the one-hour limit.
/// </summary>
public sealed record DeliveryMessage(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("stackUid")] string StackUid,
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("attempt")] int Attempt,
    [property: JsonPropertyName("firstAttemptAt")] DateTimeOffset FirstAttemptAt,
    [property: JsonPropertyName("job")] DeploymentJob Job)
{
    public const int CurrentVersion = 1;
}
