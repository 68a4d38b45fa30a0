using System.Text.RegularExpressions;
using Redeploy.Core.Security;
using Xunit;

namespace Redeploy.Tests.Security;

public sealed partial class HookTokenTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";

    // printf '0123456789abcdef0123456789abcdef' | sha256sum
    private const string TokenHash = "3eb1bd439947eb762998e566ccc2e099c791118b2f40579cc4f7da2b5061b7f9";

    private const string OtherToken = "fedcba9876543210fedcba9876543210";

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex LowerHex32();

    [Fact]
    public void New_Called_Returns32LowercaseHexCharacters()
    {
        var token = HookToken.New();

        Assert.Matches(LowerHex32(), token);
        Assert.True(HookToken.IsWellFormed(token));
    }

    [Fact]
    public void NewStackUid_Called_Returns32LowercaseHexCharacters()
    {
        Assert.Matches(LowerHex32(), HookToken.NewStackUid());
    }

    [Fact]
    public void New_CalledRepeatedly_NeverRepeats()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => HookToken.New()).Concat(
            Enumerable.Range(0, 100).Select(_ => HookToken.NewStackUid()));

        Assert.Equal(200, tokens.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(Token, true)]
    [InlineData("00000000000000000000000000000000", true)]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("0123456789abcdef0123456789abcde", false)] // 31
    [InlineData("0123456789abcdef0123456789abcdef0", false)] // 33
    [InlineData("0123456789ABCDEF0123456789ABCDEF", false)] // upper case
    [InlineData("0123456789abcdef0123456789abcdeg", false)]
    [InlineData("0123456789abcdef 123456789abcdef", false)]
    [InlineData("01234567-89ab-cdef-0123-456789ab", false)]
    [InlineData("0123456789abcdef0123456789abcde\u0660", false)] // ARABIC-INDIC DIGIT ZERO: a digit, not ASCII
    public void IsWellFormed_Value_ReturnsExpected(string? value, bool expected)
    {
        Assert.Equal(expected, HookToken.IsWellFormed(value));
    }

    [Fact]
    public void Hash_Token_ReturnsLowercaseHexSha256OfUtf8()
    {
        Assert.Equal(TokenHash, HookToken.Hash(Token));
    }

    [Fact]
    public void Hash_Token_DoesNotContainToken()
    {
        var hash = HookToken.Hash(Token);

        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(Token, hash, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Matches_StoredHashOfToken_True()
    {
        Assert.True(HookToken.Matches(Token, [TokenHash]));
    }

    [Fact]
    public void Matches_StoredHashInUpperCase_True()
    {
        Assert.True(HookToken.Matches(Token, [TokenHash.ToUpperInvariant()]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Matches_TokenIsEitherOfTwoStoredHashes_True(int position)
    {
        string[] stored = position == 0
            ? [HookToken.Hash(Token), HookToken.Hash(OtherToken)]
            : [HookToken.Hash(OtherToken), HookToken.Hash(Token)];

        Assert.True(HookToken.Matches(Token, stored));
    }

    [Fact]
    public void Matches_TokenIsNeitherOfTwoStoredHashes_False()
    {
        var third = HookToken.New();

        Assert.False(HookToken.Matches(third, [HookToken.Hash(Token), HookToken.Hash(OtherToken)]));
    }

    [Fact]
    public void Matches_NoStoredHashes_False()
    {
        Assert.False(HookToken.Matches(Token, []));
    }

    [Fact]
    public void Matches_TokenStoredInsteadOfItsHash_False()
    {
        Assert.False(HookToken.Matches(Token, [Token]));
    }

    [Theory]
    [InlineData("NOT-A-TOKEN")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("")]
    public void Matches_MalformedTokenWhoseHashIsStored_False(string malformed)
    {
        Assert.False(HookToken.Matches(malformed, [HookToken.Hash(malformed)]));
    }

    [Fact]
    public void Matches_NullToken_False()
    {
        Assert.False(HookToken.Matches(null, [TokenHash]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not hex at all")]
    [InlineData("3eb1bd439947eb762998e566ccc2e099c791118b2f40579cc4f7da2b5061b7f")] // 63
    [InlineData("zzb1bd439947eb762998e566ccc2e099c791118b2f40579cc4f7da2b5061b7f9")]
    public void Matches_UnreadableStoredHash_FalseWithoutThrowing(string stored)
    {
        Assert.False(HookToken.Matches(Token, [stored]));
    }

    [Fact]
    public void Matches_UnreadableStoredHashBesideTheRightOne_True()
    {
        Assert.True(HookToken.Matches(Token, ["garbage", TokenHash]));
    }

    [Theory]
    [InlineData(Token)]
    [InlineData("NOT-A-TOKEN")]
    [InlineData(null)]
    public void MatchAgainstDecoys_AnyToken_DoesNotThrow(string? presented)
    {
        var exception = Record.Exception(() => HookToken.MatchAgainstDecoys(presented));

        Assert.Null(exception);
    }
}
