using System.Security.Cryptography;
using System.Text;

namespace Redeploy.Tests.Integration;

/// <summary>Small deliveries for the pipeline tests, written from the hosts' formats.</summary>
public static class Payloads
{
    public const string Commit = "9f3c1a2b4c5d6e7f8091a2b3c4d5e6f708192a3b";
    public const string OtherCommit = "77aa001b4c5d6e7f8091a2b3c4d5e6f708192a3b";
    public const string Zeros = "0000000000000000000000000000000000000000";

    public static string GitHubPush(string branch = "main", string commit = Commit, string repository = "acme/shop", bool deleted = false) => $$"""
        {
          "ref": "refs/heads/{{branch}}",
          "before": "{{OtherCommit}}",
          "after": "{{(deleted ? Zeros : commit)}}",
          "created": false,
          "deleted": {{(deleted ? "true" : "false")}},
          "repository": {
            "id": 1296269,
            "full_name": "{{repository}}",
            "html_url": "https://github.com/{{repository}}",
            "clone_url": "https://github.com/{{repository}}.git",
            "ssh_url": "git@github.com:{{repository}}.git",
            "created_at": 1528841234
          },
          "commits": [{ "id": "{{commit}}", "message": "Update README" }],
          "head_commit": { "id": "{{commit}}" }
        }
        """;

    public static string GitHubTagPush(string tag = "v1.0.0") => $$"""
        { "ref": "refs/tags/{{tag}}", "after": "{{Commit}}", "deleted": false,
          "repository": { "clone_url": "https://github.com/acme/shop.git" } }
        """;

    public static Dictionary<string, string> GitHubHeaders(string @event = "push", string? delivery = null) => new()
    {
        ["X-GitHub-Event"] = @event,
        ["X-GitHub-Delivery"] = delivery ?? Guid.NewGuid().ToString(),
        ["User-Agent"] = "GitHub-Hookshot/abc123",
    };

    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
