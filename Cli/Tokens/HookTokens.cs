using Redeploy.Core;
using Redeploy.Core.Security;
using Redeploy.Core.Storage;

namespace Redeploy.Cli.Tokens;

/// <summary>The current token of a stack, rotation, and finding a token in the local caches.</summary>
public static class HookTokens
{
    /// <summary>
    /// A new token for <paramref name="stack"/>. The current one keeps working until now + grace; at most two hashes are
    /// kept, so a token rotated out earlier stops working at once.
    /// </summary>
    public static (StoredStack Stack, string Token) Rotate(StoredStack stack, DateTimeOffset now, TimeSpan grace)
    {
        var token = HookToken.New();
        var tokens = new List<TokenHash> { new(HookToken.Hash(token)) };
        var previous = stack.Tokens.FirstOrDefault(t => t.ExpiresAt is null)
            ?? stack.Tokens.Where(t => t.IsValidAt(now)).OrderByDescending(t => t.ExpiresAt).FirstOrDefault();
        if (previous is not null)
        {
            var expires = now + grace;
            tokens.Add(new TokenHash(previous.Hash, previous.ExpiresAt is { } earlier && earlier < expires ? earlier : expires));
        }

        return (stack with { Tokens = tokens }, token);
    }

    /// <summary>A token from the caches whose hash is the stack's current (not expiring) one; null when none is known.</summary>
    public static string? FindCurrent(StoredStack stack, IEnumerable<TokenCache> caches)
    {
        var current = stack.Tokens.Where(t => t.ExpiresAt is null).Select(t => t.Hash).ToList();
        if (current.Count == 0)
        {
            return null;
        }

        foreach (var cache in caches)
        {
            if (cache.Find(stack.Uid) is { } cached && HookToken.Matches(cached.Token, current))
            {
                return cached.Token;
            }
        }

        return null;
    }
}
