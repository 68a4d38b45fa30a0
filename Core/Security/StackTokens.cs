using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Security;

/// <summary>
/// The rules of a stack's hook tokens: a new stack gets a uid and one token; rotation issues a new token and keeps the
/// current one working for a grace period; a stack holds at most <see cref="MaxHashes"/> hashes, so a token rotated out
/// earlier stops working at once. Only hashes are stored (<see cref="HookToken"/>).
/// </summary>
public static class StackTokens
{
    /// <summary>The current token and one being rotated out.</summary>
    public const int MaxHashes = 2;

    /// <summary>A new stack: a fresh uid, one token (returned, never stored), no settings.</summary>
    public static (StoredStack Stack, string Token) NewStack(Stack definition, string? webhookSecret = null)
    {
        var token = HookToken.New();
        var stack = new StoredStack(HookToken.NewStackUid(), definition, [new TokenHash(HookToken.Hash(token))], webhookSecret, new Dictionary<string, string>());
        return (stack, token);
    }

    /// <summary>
    /// A new token for <paramref name="stack"/>. The current one keeps working until now + grace (or until it was already
    /// due to stop, if earlier); any other is dropped.
    /// </summary>
    public static (StoredStack Stack, string Token) Rotate(StoredStack stack, DateTimeOffset now, TimeSpan grace)
    {
        var token = HookToken.New();
        var tokens = new List<TokenHash>(MaxHashes) { new(HookToken.Hash(token)) };
        var previous = stack.Tokens.FirstOrDefault(t => t.ExpiresAt is null)
            ?? stack.Tokens.Where(t => t.IsValidAt(now)).OrderByDescending(t => t.ExpiresAt).FirstOrDefault();
        if (previous is not null)
        {
            var expires = now + grace;
            tokens.Add(new TokenHash(previous.Hash, previous.ExpiresAt is { } earlier && earlier < expires ? earlier : expires));
        }

        return (stack with { Tokens = tokens }, token);
    }

    /// <summary>Whether <paramref name="token"/> is the stack's current token (not one being rotated out).</summary>
    public static bool IsCurrent(StoredStack stack, string token)
    {
        var current = stack.Tokens.Where(t => t.ExpiresAt is null).Select(t => t.Hash).ToList();
        return current.Count > 0 && HookToken.Matches(token, current);
    }
}
