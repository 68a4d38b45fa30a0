using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using BenchmarkDotNet.Attributes;
using Redeploy.Benchmarks.Payloads;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;

namespace Redeploy.Benchmarks.Micro;

/// <summary>
/// Where the intake's time goes on a GitHub push: the floor of each step it must take over the whole body (UTF-8
/// check, one tokenising pass, the HMAC), so that the intake path can be compared with its own lower bound.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MicroConfig))]
public class BreakdownBenchmarks
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes(SignedDeliveries.Secret);
    private byte[] body = null!;

    [Params(GitHubPushPayload.SmallCommits, GitHubPushPayload.LargeCommits)]
    public int Commits { get; set; }

    [GlobalSetup]
    public void Setup() => body = GitHubPushPayload.Create(Commits);

    [Benchmark(Description = "floor: Utf8.IsValid")]
    public bool Utf8Check() => Utf8.IsValid(body);

    [Benchmark(Description = "floor: one Utf8JsonReader pass")]
    public int OnePass()
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark(Description = "floor: HMAC-SHA256 of the body")]
    public byte[] Hmac() => HMACSHA256.HashData(Key, body);

    [Benchmark(Description = "one JsonSyntax pass (check + index)")]
    public int SyntaxPass() => JsonSyntax.IndexObject(body, stackalloc RootProperty[64]);
}
