using System.Text.Json.Serialization;

namespace Redeploy.Core.Stacks;

/// <summary>
/// Where a stack's jobs go (its <c>deployer</c>, CONTRACT §7), as stored on the stack. A new kind of deployer is one more
/// derived record here and one more <see cref="Deployments.IDeployer"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(QueueTarget), QueueTarget.KindName)]
[JsonDerivedType(typeof(WebhookTarget), WebhookTarget.KindName)]
[JsonDerivedType(typeof(GitHubActionsTarget), GitHubActionsTarget.KindName)]
public abstract record DeployerTarget
{
    /// <summary>The word of the stack file and of <c>stacks show</c>.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>What <c>stacks show</c> prints: never a secret.</summary>
    public abstract string Describe();
}
