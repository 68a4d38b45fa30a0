using Redeploy.Core.Stacks;

namespace Redeploy.Core.Storage;

/// <summary>A stack as stored: its definition, its uid, the hashes of its hook tokens, its webhook secret and settings.</summary>
public sealed record StoredStack(
    string Uid,
    Stack Definition,
    IReadOnlyList<TokenHash> Tokens,
    string? WebhookSecret,
    IReadOnlyDictionary<string, string> Settings)
{
    public string Name => Definition.Name;

    /// <summary>
    /// For <c>secret: keyvault:NAME</c>: the name of the Key Vault secret that holds the webhook secret. The stack stores
    /// this name only (<see cref="WebhookSecret"/> is then null); the intake reads the value with the app's identity.
    /// </summary>
    public string? WebhookSecretKeyVaultName { get; init; }

    /// <summary>How the secret is kept, for listings: "not set", "set", or "keyvault:NAME" (a name, not a value).</summary>
    public string DescribeWebhookSecret() =>
        WebhookSecretKeyVaultName is { } name ? $"keyvault:{name}" : WebhookSecret is null ? "not set" : "set";

    /// <summary>Where the stack's jobs go (CONTRACT §7); the queue unless the stack file says otherwise.</summary>
    public DeployerTarget Deployer { get; init; } = QueueTarget.Instance;

    public IReadOnlyList<string> ValidTokenHashes(DateTimeOffset now) =>
        Tokens.Where(t => t.IsValidAt(now)).Select(t => t.Hash).ToList();
}
