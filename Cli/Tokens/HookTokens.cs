using Redeploy.Core.Security;
using Redeploy.Core.Storage;

namespace Redeploy.Cli.Tokens;

/// <summary>Finding a stack's current token in the local caches (the rules of tokens are <see cref="StackTokens"/>).</summary>
public static class HookTokens
{
    /// <summary>A token from the caches that is the stack's current (not expiring) one; null when none is known.</summary>
    public static string? FindCurrent(StoredStack stack, IEnumerable<TokenCache> caches)
    {
        foreach (var cache in caches)
        {
            if (cache.Find(stack.Uid) is { } cached && StackTokens.IsCurrent(stack, cached.Token))
            {
                return cached.Token;
            }
        }

        return null;
    }
}
