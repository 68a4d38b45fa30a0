using System.Security.Cryptography;
using System.Text;
using Redeploy.Core.Hooks;

namespace Redeploy.Benchmarks.Payloads;

/// <summary>Hook requests as the HTTP edge hands them to the intake: headers parsed once, body bytes, a valid signature.</summary>
public static class SignedDeliveries
{
    public const string Secret = "bench-webhook-secret";

    public static string Sign(byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));

    public static HookRequest GitHubPush(byte[] body) => new(
        new HookHeaders(
        [
            new("Content-Type", "application/json"),
            new("User-Agent", "GitHub-Hookshot/8f0a9c1"),
            new("X-GitHub-Event", "push"),
            new("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"),
            new("X-GitHub-Hook-ID", "292430182"),
            new("X-Hub-Signature-256", Sign(body)),
        ]),
        HookRequest.NoQuery,
        body);

    public static HookRequest BitbucketCloudPush(byte[] body) => new(
        new HookHeaders(
        [
            new("Content-Type", "application/json"),
            new("User-Agent", "Bitbucket-Webhooks/2.0"),
            new("X-Event-Key", "repo:push"),
            new("X-Hook-UUID", "d2a3a8c4-6b1f-4a53-9d7e-0c1b2a3d4e5f"),
            new("X-Request-UUID", "0f6c2a1b-8d3e-4c5f-9a7b-1e2d3c4b5a69"),
            new("X-Attempt-Number", "1"),
            new("X-Hub-Signature", Sign(body)),
        ]),
        HookRequest.NoQuery,
        body);
}
