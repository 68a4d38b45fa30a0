using System.Buffers;
using System.Text.Json;

namespace Redeploy.Benchmarks.Payloads;

/// <summary>
/// A Bitbucket Cloud <c>repo:push</c> delivery built in code: one change on one branch with its new and old states,
/// five commits in the change's truncated list, the repository with its links, and the actor. Deterministic.
/// </summary>
public static class BitbucketCloudPushPayload
{
    public const string FullName = "acme/shop";
    public const string Branch = "main";
    public const int Commits = 5;

    public static string Head => GitHubPushPayload.CommitId(Commits - 1);

    public static byte[] Create()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteActor(json, "actor");
            json.WriteStartObject("repository");
            json.WriteString("type", "repository");
            json.WriteString("full_name", FullName);
            json.WriteString("name", "shop");
            WriteLinks(json, $"https://api.bitbucket.org/2.0/repositories/{FullName}", $"https://bitbucket.org/{FullName}");
            json.WriteString("uuid", "{8a9c3c4e-1f7d-4a1e-9c2b-5d0c6a1b2c3d}");
            json.WriteBoolean("is_private", true);
            json.WriteString("scm", "git");
            json.WriteEndObject();
            json.WriteStartObject("push");
            json.WriteStartArray("changes");
            json.WriteStartObject();
            json.WritePropertyName("old");
            WriteRef(json, GitHubPushPayload.CommitId(-1));
            json.WritePropertyName("new");
            WriteRef(json, Head);
            json.WriteBoolean("created", false);
            json.WriteBoolean("forced", false);
            json.WriteBoolean("closed", false);
            json.WriteBoolean("truncated", false);
            json.WriteStartArray("commits");
            for (var i = Commits - 1; i >= 0; i--)
            {
                WriteCommit(json, GitHubPushPayload.CommitId(i), $"Change {i}: adjust the checkout totals\n");
            }

            json.WriteEndArray();
            WriteLinks(json, $"https://api.bitbucket.org/2.0/repositories/{FullName}/commits", $"https://bitbucket.org/{FullName}/branches/compare/{Head}..{GitHubPushPayload.CommitId(-1)}");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteRef(Utf8JsonWriter json, string hash)
    {
        json.WriteStartObject();
        json.WriteString("type", "branch");
        json.WriteString("name", Branch);
        json.WritePropertyName("target");
        WriteCommit(json, hash, "Latest change on main\n");
        WriteLinks(json, $"https://api.bitbucket.org/2.0/repositories/{FullName}/refs/branches/{Branch}", $"https://bitbucket.org/{FullName}/branch/{Branch}");
        json.WriteEndObject();
    }

    private static void WriteCommit(Utf8JsonWriter json, string hash, string message)
    {
        json.WriteStartObject();
        json.WriteString("type", "commit");
        json.WriteString("hash", hash);
        json.WriteString("date", "2025-06-03T10:12:41+00:00");
        json.WriteStartObject("author");
        json.WriteString("type", "author");
        json.WriteString("raw", "Octo Cat <octocat@example.com>");
        WriteActor(json, "user");
        json.WriteEndObject();
        json.WriteString("message", message);
        json.WriteStartArray("parents");
        json.WriteStartObject();
        json.WriteString("type", "commit");
        json.WriteString("hash", GitHubPushPayload.CommitId(-2));
        json.WriteEndObject();
        json.WriteEndArray();
        WriteLinks(json, $"https://api.bitbucket.org/2.0/repositories/{FullName}/commit/{hash}", $"https://bitbucket.org/{FullName}/commits/{hash}");
        json.WriteEndObject();
    }

    private static void WriteActor(Utf8JsonWriter json, string property)
    {
        json.WriteStartObject(property);
        json.WriteString("display_name", "Octo Cat");
        json.WriteString("type", "user");
        json.WriteString("uuid", "{0b7d1a2c-3e4f-4a5b-8c6d-7e8f9a0b1c2d}");
        json.WriteString("account_id", "557058:0b7d1a2c-3e4f-4a5b-8c6d-7e8f9a0b1c2d");
        json.WriteString("nickname", "octocat");
        WriteLinks(json, "https://api.bitbucket.org/2.0/users/octocat", "https://bitbucket.org/octocat/");
        json.WriteEndObject();
    }

    private static void WriteLinks(Utf8JsonWriter json, string self, string html)
    {
        json.WriteStartObject("links");
        json.WriteStartObject("self");
        json.WriteString("href", self);
        json.WriteEndObject();
        json.WriteStartObject("html");
        json.WriteString("href", html);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
