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

    /// <summary>Where the stack's jobs go (CONTRACT §7); the queue unless the stack file says otherwise.</summary>
    public Deployments.DeployerTarget Deployer { get; init; } = Deployments.QueueTarget.Instance;

    public IReadOnlyList<string> ValidTokenHashes(DateTimeOffset now) =>
        Tokens.Where(t => t.IsValidAt(now)).Select(t => t.Hash).ToList();
}
