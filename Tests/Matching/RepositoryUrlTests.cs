using Redeploy.Core.Hooks;
using Redeploy.Core.Matching;
using Xunit;

namespace Redeploy.Tests.Matching;

public sealed class RepositoryUrlTests
{
    [Theory]
    [InlineData("https://github.com/acme/shop", "github.com/acme/shop")]
    [InlineData("https://github.com/acme/shop.git", "github.com/acme/shop")]
    [InlineData("https://github.com/acme/shop/", "github.com/acme/shop")]
    [InlineData("https://github.com/acme/shop.git/", "github.com/acme/shop")]
    [InlineData("https://github.com/acme/shop.GIT", "github.com/acme/shop")]
    [InlineData("http://github.com/acme/shop", "github.com/acme/shop")]
    [InlineData("HTTPS://GitHub.com/Acme/Shop", "github.com/acme/shop")]
    [InlineData("  https://github.com/acme/shop  ", "github.com/acme/shop")]
    [InlineData("https://github.com/acme/shop\n", "github.com/acme/shop")]
    [InlineData("https://user:pass@github.com/acme/shop", "github.com/acme/shop")]
    [InlineData("https://github.com:443/acme/shop", "github.com/acme/shop")]
    [InlineData("https://github.com/acme/shop?tab=readme#top", "github.com/acme/shop")]
    [InlineData("ssh://git@github.com/acme/shop.git", "github.com/acme/shop")]
    [InlineData("ssh://git@bitbucket.example.com:7999/proj/shop.git", "bitbucket.example.com/proj/shop")]
    [InlineData("git+ssh://git@github.com/acme/shop.git", "github.com/acme/shop")]
    [InlineData("git://github.com/acme/shop.git", "github.com/acme/shop")]
    [InlineData("git@github.com:acme/shop.git", "github.com/acme/shop")]
    [InlineData("git@github.com:/acme/shop.git", "github.com/acme/shop")]
    [InlineData("github.com:acme/shop", "github.com/acme/shop")]
    [InlineData("git@gitlab.com:group/sub/project.git", "gitlab.com/group/sub/project")]
    [InlineData("https://org@dev.azure.com/org/proj/_git/repo", "dev.azure.com/org/proj/_git/repo")]
    [InlineData("https://[::1]:8080/acme/shop", "[::1]/acme/shop")]
    [InlineData("https://[::1]/acme/shop", "[::1]/acme/shop")]
    [InlineData("[::1]:acme/shop", "[::1]/acme/shop")]
    [InlineData("git@[fe80::1]:acme/shop.git", "[fe80::1]/acme/shop")]
    [InlineData("git@host.example:acme/[x]", "host.example/acme/[x]")]
    [InlineData("github.com/acme/shop", "github.com/acme/shop")]
    [InlineData("GitHub.com/Acme/Shop.git", "github.com/acme/shop")]
    public void TryNormalize_RepositoryUrl_GivesHostAndPathInLowerCase(string url, string expected)
    {
        Assert.True(RepositoryUrl.TryNormalize(url, out var normalized));
        Assert.Equal(expected, normalized);
        Assert.Equal(expected, RepositoryUrl.Normalize(normalized));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("shop")]
    [InlineData("acme/shop")]
    [InlineData("https://github.com")]
    [InlineData("https://github.com/")]
    [InlineData("https:///acme/shop")]
    [InlineData("https://github.com/.git")]
    [InlineData("https://git hub.com/acme/shop")]
    [InlineData("https://github.com/acme/\tshop")]
    [InlineData("https://github.com/acme/\u00a0shop")]
    [InlineData("https://github.com/acme/\u2028shop")]
    [InlineData("ftp://github.com/acme/shop")]
    [InlineData("file:///srv/git/shop.git")]
    [InlineData("C:/repos/shop")]
    [InlineData(@"C:\repos\shop")]
    [InlineData("/srv/git/shop.git")]
    [InlineData("./shop")]
    [InlineData("../acme/shop")]
    [InlineData("git@github.com:")]
    [InlineData(":acme/shop")]
    [InlineData("git@:acme/shop")]
    [InlineData("https://user@/acme/shop")]
    [InlineData("https://:22/acme/shop")]
    public void TryNormalize_NotARepositoryUrl_IsFalse(string? url)
    {
        Assert.False(RepositoryUrl.TryNormalize(url, out var normalized));
        Assert.Equal(string.Empty, normalized);
        Assert.Null(RepositoryUrl.Normalize(url));
    }

    [Theory]
    [InlineData("https://github.com/acme/shop.git", "git@github.com:acme/shop.git", true)]
    [InlineData("https://github.com/acme/shop", "ssh://git@github.com:22/ACME/shop/", true)]
    [InlineData("git://github.com/acme/shop.git", "http://github.com/acme/shop", true)]
    [InlineData("https://github.com/acme/shop", "https://github.com/acme/shop2", false)]
    [InlineData("https://github.com/acme/shop", "https://gitlab.com/acme/shop", false)]
    [InlineData("https://github.com/acme/shop", "https://github.com/other/shop", false)]
    [InlineData("https://github.com/acme/shop", "not a url", false)]
    [InlineData("not a url", "not a url", false)]
    public void SameRepository_TwoUrls_ComparesNormalisedForms(string left, string right, bool expected)
    {
        Assert.Equal(expected, RepositoryUrl.SameRepository(left, right));
        Assert.Equal(expected, RepositoryUrl.SameRepository(right, left));
    }

    [Fact]
    public void TryNormalize_LongUrl_IsNormalised()
    {
        var path = string.Join('/', Enumerable.Repeat("Segment", 60));

        Assert.True(RepositoryUrl.TryNormalize($"https://example.com/{path}.git", out var normalized));
        Assert.Equal($"example.com/{path.ToLowerInvariant()}", normalized);
    }
}
