using Redeploy.Core.Hooks;

namespace Redeploy.Core.Pages;

/// <summary>
/// The host's page of a commit, from the repository's web address and who sent the push: GitHub, Gitea, Forgejo, Gogs and
/// Azure DevOps use <c>/commit/{sha}</c>, GitLab <c>/-/commit/{sha}</c>, Bitbucket <c>/commits/{sha}</c>. A generic
/// sender gets a link only on the public hosts whose shape is known. Null when the shape is unknown.
/// </summary>
internal static class CommitLinks
{
    public static string? For(string sender, string? repository, string? commit)
    {
        if (commit is null || !commit.All(char.IsAsciiHexDigit) || !HtmlWriter.IsWebAddress(repository))
        {
            return null;
        }

        var web = repository!.TrimEnd('/');
        var path = Enum.TryParse<Sender>(sender, out var known) ? PathFor(known, web) : null;
        return path is null ? null : $"{web}/{path}/{commit}";
    }

    private static string? PathFor(Sender sender, string web) => sender switch
    {
        Sender.GitHub or Sender.Gitea or Sender.Forgejo or Sender.Gogs or Sender.AzureDevOps => "commit",
        Sender.GitLab => "-/commit",
        Sender.BitbucketCloud or Sender.BitbucketPost => "commits",
        // Bitbucket Server's browsing address is /projects/KEY/repos/slug; its clone address (/scm/...) has no commit page.
        Sender.BitbucketServer => web.Contains("/projects/", StringComparison.OrdinalIgnoreCase) ? "commits" : null,
        Sender.Generic => PathOnPublicHost(web),
        _ => null,
    };

    private static string? PathOnPublicHost(string web) => new Uri(web).Host.ToLowerInvariant() switch
    {
        "github.com" or "codeberg.org" or "gitea.com" => "commit",
        "gitlab.com" => "-/commit",
        "bitbucket.org" => "commits",
        _ => null,
    };
}
