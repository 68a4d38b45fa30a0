using System.Security.Cryptography;
using System.Text;

namespace Redeploy.Core.GitHub;

/// <summary>
/// Makes a repository's webhook to a stack what CONTRACT §8 asks: the stack's hook (found by its URL) updated, else one
/// created. GitHub never returns a hook's secret, so "unchanged" relies on a hash of the secret Redeploy last wrote there.
/// </summary>
/// <param name="deployOn">How the stack deploys: a stack that deploys on CI also needs its CI events (CONTRACT §9).</param>
public sealed class GitHubHookSync(GitHubClient client, Stacks.DeployOn deployOn = Stacks.DeployOn.Push)
{
    /// <summary>The events a continuous.deploy hook delivers (the CI events of §9 join them when a stack deploys on CI).</summary>
    public static IReadOnlyList<string> Events { get; } = ["push", "deployment"];

    /// <summary>GitHub's CI events of CONTRACT §9, added to <see cref="Events"/> for a stack that deploys on CI.</summary>
    public static IReadOnlyList<string> CiEvents { get; } = ["workflow_run", "check_suite", "status"];

    private readonly IReadOnlyList<string> events = deployOn == Stacks.DeployOn.Ci ? [.. Events, .. CiEvents] : Events;

    /// <param name="hookUrl">The stack's hook URL with its current token: what the hook is set to.</param>
    /// <param name="writtenSecretHash">What <see cref="SecretHash"/> gave when Redeploy last wrote this repository's hook; null if never.</param>
    /// <returns>What was done, and the hash to keep for next time.</returns>
    public async Task<(HookSyncResult Result, string SecretHash)> SyncAsync(
        GitHubRepository repository, string stackUid, string hookUrl, string secret, string? writtenSecretHash, CancellationToken cancellationToken)
    {
        var hooks = await client.ListHooksAsync(repository, cancellationToken);
        var existing = hooks.FirstOrDefault(h => IsStackHookUrl(h.Url, stackUid));
        if (existing is null)
        {
            var id = await client.CreateHookAsync(repository, hookUrl, secret, events, cancellationToken);
            return (HookSyncResult.Created, SecretHash(id, secret));
        }

        var hash = SecretHash(existing.Id, secret);
        if (existing.Url == hookUrl && existing.Active && existing.ContentType == "json"
            && events.All(existing.Events.Contains) && writtenSecretHash is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(writtenSecretHash), Encoding.ASCII.GetBytes(hash)))
        {
            return (HookSyncResult.Unchanged, hash);
        }

        // The user's own events stay; ours are added.
        var merged = existing.Events.Union(events, StringComparer.Ordinal).ToList();
        await client.UpdateHookAsync(repository, existing.Id, hookUrl, secret, merged, cancellationToken);
        return (HookSyncResult.Updated, hash);
    }

    /// <summary>
    /// True for any hook URL of this stack: <c>…/stacks/redeploy/{uid}/{token}</c>, whatever the token or base address, so
    /// that a hook left with a rotated-out token or an old public address is updated rather than joined by a second one.
    /// </summary>
    public static bool IsStackHookUrl(string? url, string stackUid)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        return segments.Length >= 4
            && segments[^4] == "stacks" && segments[^3] == "redeploy"
            && string.Equals(segments[^2], stackUid, StringComparison.Ordinal) && segments[^1].Length > 0;
    }

    /// <summary>
    /// A hash of the secret written to one hook, its id mixed in so that two hooks with one secret hash apart; 128 bits
    /// are enough to tell "the same". Kept in the stack's settings, which are never printed.
    /// </summary>
    public static string SecretHash(long hookId, string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"redeploy-hook\n{hookId}\n{secret}")))[..32];
}
