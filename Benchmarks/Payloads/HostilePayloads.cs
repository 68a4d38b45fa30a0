using System.Text;
using Redeploy.Core.Hooks;

namespace Redeploy.Benchmarks.Payloads;

/// <summary>
/// Hostile deliveries of a chosen size (issue 9): well-formed JSON whose shape makes a careless reader work in proportion to
/// the square of its size, each with its sender's headers and a wrong signature, as an attacker who knows only the hook
/// URL sends them. Every value is distinct, so that no reader can drop repeats cheaply. Deterministic.
/// </summary>
public static class HostilePayloads
{
    /// <summary>The shapes, by name.</summary>
    public static readonly IReadOnlyList<string> Shapes =
    [
        "github-repeated-keys",
        "gitlab-project-urls",
        "bitbucket-server-clone-links",
        "bitbucket-cloud-changes",
        "bitbucket-post-branches",
        "github-deep-arrays",
    ];

    private const string WrongSignature = "sha256=0000000000000000000000000000000000000000000000000000000000000000";
    private const string Commit = "9f3c1a2b7e4d5c6b8a9f0e1d2c3b4a5968778695";

    /// <summary>The request of <paramref name="shape"/> with a body of about <paramref name="bytes"/> bytes (never less).</summary>
    public static HookRequest Create(string shape, int bytes) => shape switch
    {
        "github-repeated-keys" => Request(
            Body("""{"ref":"refs/heads/main","after":"9f3c1a2b7e4d5c6b8a9f0e1d2c3b4a5968778695","repository":{""", bytes,
                i => $"\"html_url\":\"https://github.com/acme/r{i}\"", "}}"),
            "X-GitHub-Event: push", "X-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958", $"X-Hub-Signature-256: {WrongSignature}"),
        "gitlab-project-urls" => Request(
            Body("""{"object_kind":"push","ref":"refs/heads/main","after":"9f3c1a2b7e4d5c6b8a9f0e1d2c3b4a5968778695","project":{""", bytes,
                i => $"\"git_http_url\":\"https://gitlab.com/acme/r{i}.git\"", "}}"),
            "X-Gitlab-Event: Push Hook", "X-Gitlab-Event-UUID: 1f7c2e5a", "X-Gitlab-Token: wrong-token"),
        "bitbucket-server-clone-links" => Request(
            Body("""{"eventKey":"repo:refs_changed","changes":[{"ref":{"id":"refs/heads/main","displayId":"main","type":"BRANCH"},"refId":"refs/heads/main","fromHash":"0000000000000000000000000000000000000000","toHash":"9f3c1a2b7e4d5c6b8a9f0e1d2c3b4a5968778695","type":"UPDATE"}],"repository":{"links":{"clone":[""", bytes,
                i => $"{{\"href\":\"https://bitbucket.example.com/scm/acme/r{i}.git\",\"name\":\"http\"}}", "]}}}"),
            "X-Event-Key: repo:refs_changed", "X-Request-Id: 5c2e7a1f", $"X-Hub-Signature: {WrongSignature}"),
        "bitbucket-cloud-changes" => Request(
            Body("""{"repository":{"full_name":"acme/shop","links":{"html":{"href":"https://bitbucket.org/acme/shop"}}},"push":{"changes":[""", bytes,
                i => $"{{\"new\":{{\"type\":\"branch\",\"name\":\"b{i}\",\"target\":{{\"hash\":\"{Commit}\"}}}},\"old\":null,\"closed\":false}}", "]}}"),
            "X-Event-Key: repo:push", "X-Hook-UUID: d2a3a8c4", "X-Request-UUID: 0f6c2a1b", $"X-Hub-Signature: {WrongSignature}"),
        "bitbucket-post-branches" => Request(
            Body("""{"canon_url":"https://bitbucket.org","repository":{"absolute_url":"/acme/shop/"},"commits":[""", bytes,
                i => $"{{\"raw_node\":\"{Commit}\",\"branch\":\"b{i}\"}}", "]}"),
            $"X-Hub-Signature: {WrongSignature}"),
        "github-deep-arrays" => Request(
            Body("""{"ref":"refs/heads/main","after":"9f3c1a2b7e4d5c6b8a9f0e1d2c3b4a5968778695","commits":[""", bytes,
                _ => new string('[', 60) + new string(']', 60), "]}"),
            "X-GitHub-Event: push", "X-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958", $"X-Hub-Signature-256: {WrongSignature}"),
        _ => throw new ArgumentException($"no hostile shape '{shape}'", nameof(shape)),
    };

    /// <summary>The secret of the stack the hostile deliveries are sent to (the signatures never match it).</summary>
    public static string Secret => SignedDeliveries.Secret;

    private static byte[] Body(string head, int bytes, Func<int, string> item, string tail)
    {
        var json = new StringBuilder(bytes + 256).Append(head);
        for (var i = 0; json.Length + tail.Length < bytes; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            json.Append(item(i));
        }

        return Encoding.UTF8.GetBytes(json.Append(tail).ToString());
    }

    private static HookRequest Request(byte[] body, params string[] headers) => new(
        new HookHeaders(headers.Select(h => h.Split(": ", 2)).Select(p => KeyValuePair.Create(p[0], p[1]))
            .Append(KeyValuePair.Create("Content-Type", "application/json"))),
        HookRequest.NoQuery,
        body);
}
