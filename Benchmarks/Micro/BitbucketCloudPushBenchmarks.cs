using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Redeploy.Benchmarks.Payloads;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;

namespace Redeploy.Benchmarks.Micro;

/// <summary>A Bitbucket Cloud repo:push (one branch, five commits listed): Redeploy's intake path beside a JsonDocument.</summary>
[MemoryDiagnoser]
[Config(typeof(MicroConfig))]
public class BitbucketCloudPushBenchmarks
{
    private HookRequest request = null!;
    private byte[] body = null!;

    [GlobalSetup]
    public void Setup()
    {
        body = BitbucketCloudPushPayload.Create();
        request = SignedDeliveries.BitbucketCloudPush(body);
        Check.Equal(1, IntakePath.ReadVerifyClassify(request, SignedDeliveries.Secret), "deployable pushes");
        Check.Equal(BitbucketCloudPushPayload.Head, DeliveryReader.Read(request).Value.Pushes[0].Commit, "head commit");
    }

    [Benchmark(Baseline = true, Description = "Redeploy: read + verify + classify")]
    public int Redeploy() => IntakePath.ReadVerifyClassify(request, SignedDeliveries.Secret);

    [Benchmark(Description = "JsonDocument.Parse")]
    public int JsonDocumentParse()
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("push").GetProperty("changes").GetArrayLength();
    }
}
