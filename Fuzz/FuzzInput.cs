using System.Text;
using Redeploy.Core.Hooks;

namespace Redeploy.Fuzz;

/// <summary>
/// Turns one fuzz input into a <see cref="HookRequest"/>: the first byte chooses a sender profile (its headers and content
/// type, <see cref="Profiles"/>), the rest is the body. Corpus files start with the profile's letter ('a' is the first)
/// so that they stay readable; any byte works, taken modulo the number of profiles.
/// </summary>
public static class FuzzInput
{
    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";

    /// <summary>The profiles, in the order of their letters: every sender, its push and its other telling events.</summary>
    public static readonly IReadOnlyList<FuzzProfile> Profiles =
    [
        new FuzzProfile("github-push", Json, "X-GitHub-Event: push", "X-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958", "X-Hub-Signature-256: sha256=00"),
        new FuzzProfile("github-push-form", Form, "X-GitHub-Event: push", "X-GitHub-Delivery: 72d3162e"),
        new FuzzProfile("github-ping", Json, "X-GitHub-Event: ping"),
        new FuzzProfile("github-workflow-run", Json, "X-GitHub-Event: workflow_run"),
        new FuzzProfile("gitea-push", Json, "X-Gitea-Event: push", "X-GitHub-Event: push", "X-Gitea-Signature: 00"),
        new FuzzProfile("forgejo-push", Json, "X-Forgejo-Event: push", "X-Gitea-Event: push", "X-GitHub-Event: push"),
        new FuzzProfile("gogs-push", Json, "X-Gogs-Event: push", "X-GitHub-Event: push"),
        new FuzzProfile("bitbucket-cloud-push", Json, "X-Event-Key: repo:push", "X-Hook-UUID: hook-1", "X-Request-UUID: r-1"),
        new FuzzProfile("bitbucket-server-push", Json, "X-Event-Key: repo:refs_changed", "X-Request-Id: r-1"),
        new FuzzProfile("bitbucket-server-ping", Json, "X-Event-Key: diagnostics:ping"),
        new FuzzProfile("gitlab-push", Json, "X-Gitlab-Event: Push Hook", "X-Gitlab-Event-UUID: u-1", "X-Gitlab-Token: t"),
        new FuzzProfile("gitlab-tag-push", Json, "X-Gitlab-Event: Tag Push Hook"),
        new FuzzProfile("gitlab-system-hook", Json, "X-Gitlab-Event: System Hook"),
        new FuzzProfile("no-headers-json", Json),
        new FuzzProfile("no-headers-form", Form),
        new FuzzProfile("no-content-type", null),
        new FuzzProfile("github-check-suite", Json, "X-GitHub-Event: check_suite", "X-GitHub-Delivery: 72d3162e"),
        new FuzzProfile("github-status", Json, "X-GitHub-Event: status"),
        new FuzzProfile("gitlab-pipeline", Json, "X-Gitlab-Event: Pipeline Hook", "X-Gitlab-Event-UUID: u-1"),
        new FuzzProfile("bitbucket-cloud-commit-status", Json, "X-Event-Key: repo:commit_status_updated", "X-Hook-UUID: hook-1", "X-Request-UUID: r-1"),
    ];

    /// <summary>The profile the first byte of <paramref name="input"/> chooses; 'a' is the first.</summary>
    public static FuzzProfile ProfileOf(ReadOnlySpan<byte> input) =>
        Profiles[input.IsEmpty ? 0 : (input[0] - 'a' + 256 * Profiles.Count) % Profiles.Count];

    /// <summary>The request of <paramref name="input"/>: its profile's headers around the body (the input less its first byte).</summary>
    public static HookRequest Request(byte[] input)
    {
        var profile = ProfileOf(input);
        ReadOnlyMemory<byte> body = input.Length > 0 ? input.AsMemory(1) : ReadOnlyMemory<byte>.Empty;
        return new HookRequest(profile.Headers, HookRequest.NoQuery, body);
    }

    /// <summary>A corpus file: the letter of the profile named <paramref name="name"/>, then <paramref name="body"/>.</summary>
    public static byte[] File(string name, ReadOnlySpan<byte> body)
    {
        var index = Profiles.ToList().FindIndex(p => p.Name == name);
        if (index < 0)
        {
            throw new ArgumentException($"no fuzz profile '{name}'", nameof(name));
        }

        return [(byte)('a' + index), .. body];
    }
}
