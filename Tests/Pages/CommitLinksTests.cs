using Redeploy.Core.Pages;

namespace Redeploy.Tests.Pages;

public sealed class CommitLinksTests
{
    private const string Sha = "9f3c1a2b4c5d6e7f8091a2b3c4d5e6f708192a3b";

    [Theory]
    [InlineData("GitHub", "https://github.com/acme/shop", "https://github.com/acme/shop/commit/" + Sha)]
    [InlineData("Gitea", "https://git.example.org/acme/shop/", "https://git.example.org/acme/shop/commit/" + Sha)]
    [InlineData("Forgejo", "https://codeberg.org/acme/shop", "https://codeberg.org/acme/shop/commit/" + Sha)]
    [InlineData("GitLab", "https://gitlab.com/acme/group/shop", "https://gitlab.com/acme/group/shop/-/commit/" + Sha)]
    [InlineData("BitbucketCloud", "https://bitbucket.org/acme/shop", "https://bitbucket.org/acme/shop/commits/" + Sha)]
    [InlineData("BitbucketServer", "https://bbs.example.org/projects/AC/repos/shop", "https://bbs.example.org/projects/AC/repos/shop/commits/" + Sha)]
    [InlineData("AzureDevOps", "https://dev.azure.com/acme/web/_git/shop", "https://dev.azure.com/acme/web/_git/shop/commit/" + Sha)]
    [InlineData("Generic", "https://github.com/acme/shop", "https://github.com/acme/shop/commit/" + Sha)]
    [InlineData("Generic", "https://gitlab.com/acme/shop", "https://gitlab.com/acme/shop/-/commit/" + Sha)]
    public void For_KnownHostShape_LinksTheCommitPage(string sender, string repository, string expected) =>
        Assert.Equal(expected, CommitLinks.For(sender, repository, Sha));

    [Theory]
    [InlineData("Generic", "https://git.example.org/acme/shop", Sha)] // a host whose shape is unknown
    [InlineData("BitbucketServer", "https://bbs.example.org/scm/ac/shop", Sha)] // a clone address has no commit page
    [InlineData("GitHub", "git@github.com:acme/shop.git", Sha)] // not a web address
    [InlineData("GitHub", "javascript:alert(1)//github.com/acme/shop", Sha)]
    [InlineData("GitHub", "https://github.com/acme/shop", "9f3c<b>")] // not a commit
    [InlineData("GitHub", null, Sha)]
    [InlineData("manual", "https://github.com/acme/shop", Sha)]
    public void For_UnknownShapeOrUnsafeValue_IsNull(string sender, string? repository, string commit) =>
        Assert.Null(CommitLinks.For(sender, repository, commit));
}
