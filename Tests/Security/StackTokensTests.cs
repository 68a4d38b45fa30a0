using Redeploy.Core.Security;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;
using Redeploy.Tests.Matching;
using Xunit;

namespace Redeploy.Tests.Security;

public sealed class StackTokensTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromHours(24);

    [Fact]
    public void NewStack_Definition_HasFreshUidAndOneCurrentTokenStoredAsItsHash()
    {
        var (stack, token) = StackTokens.NewStack(MatchingSamples.Shop, "secret");
        var (other, otherToken) = StackTokens.NewStack(MatchingSamples.Shop);

        Assert.True(HookToken.IsWellFormed(stack.Uid));
        Assert.NotEqual(stack.Uid, other.Uid);
        Assert.NotEqual(token, otherToken);
        var only = Assert.Single(stack.Tokens);
        Assert.Equal(HookToken.Hash(token), only.Hash);
        Assert.Null(only.ExpiresAt);
        Assert.Equal("secret", stack.WebhookSecret);
        Assert.Empty(stack.Settings);
        Assert.Same(MatchingSamples.Shop, stack.Definition);
        Assert.True(StackTokens.IsCurrent(stack, token));
    }

    [Fact]
    public void Rotate_OneCurrentToken_NewIsCurrentAndOldWorksUntilGraceEnds()
    {
        var (stack, old) = StackTokens.NewStack(MatchingSamples.Shop);

        var (rotated, token) = StackTokens.Rotate(stack, Now, Grace);

        Assert.Equal(stack.Uid, rotated.Uid);
        Assert.True(StackTokens.IsCurrent(rotated, token));
        Assert.False(StackTokens.IsCurrent(rotated, old));
        Assert.True(HookToken.Matches(old, rotated.ValidTokenHashes(Now + Grace - TimeSpan.FromSeconds(1))));
        Assert.False(HookToken.Matches(old, rotated.ValidTokenHashes(Now + Grace)));
        Assert.True(HookToken.Matches(token, rotated.ValidTokenHashes(Now + Grace)));
    }

    [Fact]
    public void Rotate_TwiceWithinGrace_KeepsTwoHashesAndTheFirstTokenStopsAtOnce()
    {
        var (stack, first) = StackTokens.NewStack(MatchingSamples.Shop);
        var (once, second) = StackTokens.Rotate(stack, Now, Grace);

        var (twice, third) = StackTokens.Rotate(once, Now.AddHours(1), Grace);

        Assert.Equal(StackTokens.MaxHashes, twice.Tokens.Count);
        var valid = twice.ValidTokenHashes(Now.AddHours(1));
        Assert.False(HookToken.Matches(first, valid));
        Assert.True(HookToken.Matches(second, valid));
        Assert.True(HookToken.Matches(third, valid));
        Assert.Equal(Now.AddHours(25), twice.Tokens.Single(t => t.Hash == HookToken.Hash(second)).ExpiresAt);
    }

    [Fact]
    public void Rotate_NoCurrentToken_KeepsTheLatestValidOneWithItsEarlierEnd()
    {
        var ends = Now.AddHours(2);
        var stack = StackWith(new TokenHash("expired", Now.AddHours(-1)), new TokenHash("latest", ends), new TokenHash("sooner", Now.AddHours(1)));

        var (rotated, token) = StackTokens.Rotate(stack, Now, Grace);

        Assert.Equal([HookToken.Hash(token), "latest"], rotated.Tokens.Select(t => t.Hash));
        Assert.Equal(ends, rotated.Tokens[1].ExpiresAt);
    }

    [Fact]
    public void Rotate_OnlyExpiredTokens_KeepsOnlyTheNewOne()
    {
        var stack = StackWith(new TokenHash("expired", Now.AddHours(-1)));

        var (rotated, token) = StackTokens.Rotate(stack, Now, Grace);

        var only = Assert.Single(rotated.Tokens);
        Assert.Equal(HookToken.Hash(token), only.Hash);
        Assert.Null(only.ExpiresAt);
    }

    [Fact]
    public void IsCurrent_TokenBeingRotatedOutOrUnknown_False()
    {
        var (stack, old) = StackTokens.NewStack(MatchingSamples.Shop);
        var (rotated, _) = StackTokens.Rotate(stack, Now, Grace);

        Assert.False(StackTokens.IsCurrent(rotated, old));
        Assert.False(StackTokens.IsCurrent(rotated, HookToken.New()));
        Assert.False(StackTokens.IsCurrent(StackWith(new TokenHash(HookToken.Hash(old), Now.AddHours(1))), old));
    }

    private static StoredStack StackWith(params TokenHash[] tokens) =>
        new(HookToken.NewStackUid(), MatchingSamples.Shop, tokens, null, new Dictionary<string, string>());
}
