using Redeploy.Core.Readers;
using Xunit;

namespace Redeploy.Tests.Readers;

public sealed class GitValuesTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("abcd", "abcd")]
    [InlineData("9FDD7B96D3F5C276D0B9E0BF38C879EB112D889A", "9fdd7b96d3f5c276d0b9e0bf38c879eb112d889a")]
    [InlineData("0000000000000000000000000000000000000000", "0000000000000000000000000000000000000000")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Commit_NullOrHex_ReturnsLowerCase(string? value, string? expected)
    {
        Assert.Equal(expected, GitValues.Commit(value, "after"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("main")]
    [InlineData("abcd 1234")]
    [InlineData("g123456789")]
    public void Commit_NotAHexSha_ThrowsNamingTheField(string value)
    {
        var error = Assert.Throws<PayloadFormatException>(() => GitValues.Commit(value, "changes[].toHash"));

        Assert.Equal("field 'changes[].toHash': expected a hex commit SHA", error.Message);
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000", true)]
    [InlineData("0000", true)]
    [InlineData("0000000000000000000000000000000000000001", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsZeroCommit_Value_TrueOnlyForAllZeros(string? sha, bool expected)
    {
        Assert.Equal(expected, GitValues.IsZeroCommit(sha));
    }

    [Theory]
    [InlineData("https://github.com/acme/shop.git")]
    [InlineData("git@github.com:acme/shop.git")]
    [InlineData("ssh://git@localhost:7999/acme/shop.git")]
    public void RepositoryUrl_RepositoryUrl_ReturnsTheValueUnchanged(string value)
    {
        Assert.Same(value, GitValues.RepositoryUrl(value, "repository.url"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("shop")]
    [InlineData("https://github.com")]
    [InlineData("not a url")]
    public void RepositoryUrl_NotARepositoryUrl_ThrowsNamingTheField(string value)
    {
        var error = Assert.Throws<PayloadFormatException>(() => GitValues.RepositoryUrl(value, "project.web_url"));

        Assert.Equal("field 'project.web_url': not a repository URL", error.Message);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("refs/heads/main", "main", null)]
    [InlineData("refs/heads/feature/x/y", "feature/x/y", null)]
    [InlineData("refs/tags/v1.0", null, "v1.0")]
    [InlineData("refs/tags/release/1", null, "release/1")]
    [InlineData("main", "main", null)]
    [InlineData("feature/x", "feature/x", null)]
    public void Ref_RefName_GivesBranchOrTag(string? refName, string? branch, string? tag)
    {
        Assert.Equal((branch, tag), GitValues.Ref(refName));
    }
}
