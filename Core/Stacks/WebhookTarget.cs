using System.Text.Json.Serialization;

namespace Redeploy.Core.Stacks;

/// <summary>A deployer behind an HTTP endpoint: the job is POSTed to <see cref="Url"/>, signed with <see cref="Secret"/> per Standard Webhooks.</summary>
public sealed record WebhookTarget(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("secret")] string Secret) : DeployerTarget
{
    public const string KindName = "webhook";

    [System.Text.Json.Serialization.JsonIgnore]
    public override string Kind => KindName;

    // The URL is the operator's own; only its scheme, host, port and path are shown (a query may hold a credential).
    public override string Describe() =>
        Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? $"{KindName} {uri.GetLeftPart(UriPartial.Path)}" : KindName;

    // Records print every property: keep the secret out of any string made of this one.
    public override string ToString() => Describe();
}
