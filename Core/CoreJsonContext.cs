using System.Text.Json.Serialization;
using Redeploy.Core.GitHub;
using Redeploy.Core.Matching;
using Redeploy.Core.Storage;

namespace Redeploy.Core;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RequestMessage))]
[JsonSerializable(typeof(DeploymentJob))]
[JsonSerializable(typeof(DeploymentReport))]
[JsonSerializable(typeof(Deployments.DeliveryMessage))]
[JsonSerializable(typeof(Stacks.DeployerTarget))]
[JsonSerializable(typeof(IReadOnlyList<ServiceDeployment>))]
[JsonSerializable(typeof(IReadOnlyList<PushRecord>))]
[JsonSerializable(typeof(GitHubUpdate))]
[JsonSerializable(typeof(IReadOnlyList<GitHubDeploymentTarget>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(CiProgress))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
