using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Octokit.Webhooks.Events;
using Redeploy.Benchmarks.Payloads;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;

namespace Redeploy.Benchmarks.Micro;

/// <summary>
/// A GitHub push of 3 commits (about 7 KB) and of 2,000 (about 1 MB): Redeploy's intake path beside Octokit.Webhooks
/// deserialising the same bytes into its PushEvent (its best case: UTF-8 bytes, no string), and a JsonDocument.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MicroConfig))]
public class GitHubPushBenchmarks
{
    private HookRequest request = null!;
    private byte[] body = null!;
    private byte[] key = null!;
    private string signature = null!;

    [Params(GitHubPushPayload.SmallCommits, GitHubPushPayload.LargeCommits)]
    public int Commits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        body = GitHubPushPayload.Create(Commits);
        request = SignedDeliveries.GitHubPush(body);
        key = Encoding.UTF8.GetBytes(SignedDeliveries.Secret);
        signature = SignedDeliveries.Sign(body);
        Check.Equal(GitHubPushPayload.HeadCommit(Commits), OctokitVerified(), "Octokit verified after");
        Check.Equal(1, IntakePath.ReadVerifyClassify(request, SignedDeliveries.Secret), "deployable pushes");
        var head = DeliveryReader.Read(request).Value.Pushes[0].Commit;
        Check.Equal(GitHubPushPayload.HeadCommit(Commits), head, "head commit");
        var octokit = JsonSerializer.Deserialize<PushEvent>(body)!;
        Check.Equal(Commits, octokit.Commits.Count(), "Octokit commits");
        Check.Equal(GitHubPushPayload.HeadCommit(Commits), octokit.After, "Octokit after");
    }

    [Benchmark(Description = "Redeploy: read + verify + classify")]
    public int Redeploy() => IntakePath.ReadVerifyClassify(request, SignedDeliveries.Secret);

    [Benchmark(Description = "Redeploy: read only")]
    public int RedeployReadOnly() => DeliveryReader.Read(request).Value.Pushes.Count;

    [Benchmark(Baseline = true, Description = "Octokit.Webhooks 4.2.3: PushEvent")]
    public string? Octokit() => JsonSerializer.Deserialize<PushEvent>(body)!.After;

    /// <summary>
    /// What Octokit.Webhooks' ASP.NET Core receiver does with a secret set: HMAC-SHA256 of the body compared in fixed time
    /// with X-Hub-Signature-256, then the PushEvent. The like-for-like peer of "read + verify + classify".
    /// </summary>
    [Benchmark(Description = "Octokit.Webhooks 4.2.3: verify + PushEvent")]
    public string? OctokitVerified()
    {
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, body, expected);
        var presented = Convert.FromHexString(signature.AsSpan("sha256=".Length));
        return CryptographicOperations.FixedTimeEquals(expected, presented)
            ? JsonSerializer.Deserialize<PushEvent>(body)!.After
            : null;
    }

    [Benchmark(Description = "JsonDocument.Parse")]
    public int JsonDocumentParse()
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("after").GetString()!.Length;
    }
}
