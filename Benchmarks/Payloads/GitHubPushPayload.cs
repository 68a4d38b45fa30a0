using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Redeploy.Benchmarks.Payloads;

/// <summary>
/// A GitHub push delivery built in code, with the fields and shapes GitHub sends (repository with numeric
/// <c>created_at</c>, pusher, sender, commits with file lists, head_commit). Deterministic: the same commit count
/// always gives the same bytes.
/// </summary>
public static class GitHubPushPayload
{
    public const string Owner = "acme";
    public const string Repository = "shop";
    public const string Branch = "main";

    /// <summary>About 7 KB: three commits, the size of an everyday push.</summary>
    public const int SmallCommits = 3;

    /// <summary>About 1 MB: GitHub lists at most 2,048 commits in a push; 2,000 is a large merge or an import.</summary>
    public const int LargeCommits = 2000;

    public static string HeadCommit(int commits) => CommitId(commits - 1);

    public static byte[] Create(int commits)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 + (commits * 600));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("ref", $"refs/heads/{Branch}");
            json.WriteString("before", CommitId(-1));
            json.WriteString("after", HeadCommit(commits));
            WriteRepository(json);
            json.WriteStartObject("pusher");
            json.WriteString("name", "octocat");
            json.WriteString("email", "octocat@example.com");
            json.WriteEndObject();
            WriteUser(json, "sender", "octocat", 583231);
            json.WriteBoolean("created", false);
            json.WriteBoolean("deleted", false);
            json.WriteBoolean("forced", false);
            json.WriteNull("base_ref");
            json.WriteString("compare", $"https://github.com/{Owner}/{Repository}/compare/{CommitId(-1)[..12]}...{HeadCommit(commits)[..12]}");
            json.WriteStartArray("commits");
            for (var i = 0; i < commits; i++)
            {
                WriteCommit(json, i);
            }

            json.WriteEndArray();
            json.WritePropertyName("head_commit");
            WriteCommit(json, commits - 1);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A 40-hex commit id derived from the index; -1 gives the "before" commit.</summary>
    public static string CommitId(int index) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.ASCII.GetBytes($"commit-{index}")));

    private static void WriteRepository(Utf8JsonWriter json)
    {
        var fullName = $"{Owner}/{Repository}";
        json.WriteStartObject("repository");
        json.WriteNumber("id", 35129377);
        json.WriteString("node_id", "MDEwOlJlcG9zaXRvcnkzNTEyOTM3Nw==");
        json.WriteString("name", Repository);
        json.WriteString("full_name", fullName);
        json.WriteBoolean("private", false);
        WriteUser(json, "owner", Owner, 21031067);
        json.WriteString("html_url", $"https://github.com/{fullName}");
        json.WriteString("description", "The shop: web front end, workers and the API");
        json.WriteBoolean("fork", false);
        json.WriteString("url", $"https://github.com/{fullName}");
        foreach (var name in new[] { "forks", "keys", "collaborators", "teams", "hooks", "issue_events", "events", "assignees", "branches", "tags", "blobs", "git_tags", "git_refs", "trees", "statuses", "languages", "stargazers", "contributors", "subscribers", "subscription", "commits", "git_commits", "comments", "issue_comment", "contents", "compare", "merges", "archive", "downloads", "issues", "pulls", "milestones", "notifications", "labels", "releases", "deployments" })
        {
            json.WriteString($"{name}_url", $"https://api.github.com/repos/{fullName}/{name}");
        }

        json.WriteNumber("created_at", 1430869212);
        json.WriteString("updated_at", "2025-06-03T10:12:41Z");
        json.WriteNumber("pushed_at", 1748945561);
        json.WriteString("git_url", $"git://github.com/{fullName}.git");
        json.WriteString("ssh_url", $"git@github.com:{fullName}.git");
        json.WriteString("clone_url", $"https://github.com/{fullName}.git");
        json.WriteString("svn_url", $"https://github.com/{fullName}");
        json.WriteNull("homepage");
        json.WriteNumber("size", 2048);
        json.WriteNumber("stargazers_count", 12);
        json.WriteNumber("watchers_count", 12);
        json.WriteString("language", "C#");
        json.WriteBoolean("has_issues", true);
        json.WriteBoolean("has_projects", true);
        json.WriteBoolean("has_downloads", true);
        json.WriteBoolean("has_wiki", false);
        json.WriteBoolean("has_pages", false);
        json.WriteNumber("forks_count", 3);
        json.WriteNull("mirror_url");
        json.WriteBoolean("archived", false);
        json.WriteBoolean("disabled", false);
        json.WriteNumber("open_issues_count", 4);
        json.WriteNull("license");
        json.WriteBoolean("allow_forking", true);
        json.WriteBoolean("is_template", false);
        json.WriteStartArray("topics");
        json.WriteEndArray();
        json.WriteString("visibility", "public");
        json.WriteNumber("forks", 3);
        json.WriteNumber("open_issues", 4);
        json.WriteNumber("watchers", 12);
        json.WriteString("default_branch", Branch);
        json.WriteNumber("stargazers", 12);
        json.WriteString("master_branch", Branch);
        json.WriteEndObject();
    }

    private static void WriteUser(Utf8JsonWriter json, string property, string login, long id)
    {
        json.WriteStartObject(property);
        json.WriteString("name", login);
        json.WriteString("email", $"{login}@example.com");
        json.WriteString("login", login);
        json.WriteNumber("id", id);
        json.WriteString("node_id", "MDQ6VXNlcjU4MzIzMQ==");
        json.WriteString("avatar_url", $"https://avatars.githubusercontent.com/u/{id}?v=4");
        json.WriteString("gravatar_id", "");
        json.WriteString("url", $"https://api.github.com/users/{login}");
        json.WriteString("html_url", $"https://github.com/{login}");
        json.WriteString("type", "User");
        json.WriteBoolean("site_admin", false);
        json.WriteEndObject();
    }

    // About 480 bytes each, as GitHub writes them: two files modified, one added every third commit.
    private static void WriteCommit(Utf8JsonWriter json, int index)
    {
        var id = CommitId(index);
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("tree_id", CommitId(index + 1_000_000));
        json.WriteBoolean("distinct", true);
        json.WriteString("message", $"Change {index}: adjust the checkout totals\n\nKeeps rounding in one place.");
        json.WriteString("timestamp", DateTimeOffset.FromUnixTimeSeconds(1748900000 + (index * 60)).ToString("yyyy-MM-ddTHH:mm:ssK"));
        json.WriteString("url", $"https://github.com/{Owner}/{Repository}/commit/{id}");
        foreach (var role in new[] { "author", "committer" })
        {
            json.WriteStartObject(role);
            json.WriteString("name", "Octo Cat");
            json.WriteString("email", "octocat@example.com");
            json.WriteString("username", "octocat");
            json.WriteEndObject();
        }

        json.WriteStartArray("added");
        if (index % 3 == 0)
        {
            json.WriteStringValue($"src/Checkout/Rounding{index}.cs");
        }

        json.WriteEndArray();
        json.WriteStartArray("removed");
        json.WriteEndArray();
        json.WriteStartArray("modified");
        json.WriteStringValue("src/Checkout/Totals.cs");
        json.WriteStringValue("tests/Checkout/TotalsTests.cs");
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
