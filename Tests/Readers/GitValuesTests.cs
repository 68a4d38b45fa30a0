using Redeploy.Core.Readers;
using Xunit;

namespace Redeploy.Tests.Readers;

public sealed class GitValuesTests
{
    [Theory]
    [InlineData("199eddf46df50de8d02e99bf1c5fdb4101338224", "199eddf46df50de8d02e99bf1c5fdb4101338224")]
    [InlineData("199EDDF46DF50DE8D02E99BF1C5FDB4101338224", "199eddf46df50de8d02e99bf1c5fdb4101338224")]
    [InlineData("abcd", "abcd")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData(null, null)]
    public void Commit_HexSha_ReturnsLowerCase(string? value, string? expected)
    {
        Assert.Equal(expected, GitValues.Commit(value, "after"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("main")]
    [InlineData("199eddf46df50de8d02e99bf1c5fdb410133822g")]
    [InlineData(" 199eddf4")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    public void Commit_NotHexSha_ThrowsNamingField(string value)
    {
        var exception = Assert.Throws<PayloadFormatException>(() => GitValues.Commit(value, "after"));

        Assert.Equal("field 'after': expected a hex commit SHA", exception.Message);
    }

    [Theory]
    [InlineData("[abcd1234]", 4, true)]
    [InlineData("[ABCD]", 4, true)]
    [InlineData("[abc]", 4, false)]
    [InlineData("[abcd123]", 8, false)]
    [InlineData("[abcd-123]", 4, false)]
    public void IsCommit_SpanInsideAString_ChecksOnlyTheSpan(string text, int minLength, bool expected)
    {
        Assert.Equal(expected, GitValues.IsCommit(text.AsSpan(1, text.Length - 2), minLength));
    }

    [Fact]
    public void IsCommit_LongerThanASha256Name_IsNotACommit()
    {
        Assert.True(GitValues.IsCommit(new string('a', GitValues.LongestCommit), 4));
        Assert.False(GitValues.IsCommit(new string('a', GitValues.LongestCommit + 1), 4));
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000", true)]
    [InlineData("0000", true)]
    [InlineData("0000000000000000000000000000000000000001", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsZeroCommit_Sha_TrueOnlyForZeros(string? sha, bool expected)
    {
        Assert.Equal(expected, GitValues.IsZeroCommit(sha));
    }

    [Theory]
    [InlineData("https://github.com/acme/shop.git")]
    [InlineData("git@github.com:acme/shop.git")]
    [InlineData("https://acme@dev.azure.com/acme/Shop/_git/shop")]
    public void RepositoryUrl_Url_ReturnsItUnchanged(string value)
    {
        Assert.Equal(value, GitValues.RepositoryUrl(value, "repository.clone_url"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("https://github.com")]
    [InlineData("ftp://github.com/acme/shop")]
    public void RepositoryUrl_NotUrl_ThrowsNamingField(string value)
    {
        var exception = Assert.Throws<PayloadFormatException>(() => GitValues.RepositoryUrl(value, "repository.clone_url"));

        Assert.Equal("field 'repository.clone_url': not a repository URL", exception.Message);
    }

    [Theory]
    [InlineData("refs/heads/main", "main", null)]
    [InlineData("refs/heads/feature/x/y", "feature/x/y", null)]
    [InlineData("refs/tags/v1.0", null, "v1.0")]
    [InlineData("refs/tags/release/2", null, "release/2")]
    [InlineData("main", "main", null)]
    [InlineData("feature/x", "feature/x", null)]
    [InlineData("refs/heads/", null, null)]
    [InlineData("", null, null)]
    [InlineData(null, null, null)]
    public void Ref_RefName_SplitsBranchAndTag(string? refName, string? branch, string? tag)
    {
        Assert.Equal((branch, tag), GitValues.Ref(refName, "ref"));
    }
}
