using BenchmarkDotNet.Attributes;
using Redeploy.Benchmarks.Payloads;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;

namespace Redeploy.Benchmarks.Micro;

/// <summary>
/// Issue 9's hostile payloads (<see cref="HostilePayloads"/>) of 1, 2, 4 and 8 MiB, each with a wrong signature: the
/// delivery read alone, and the intake's read + verify path. Linear readers take about twice as long for twice the size.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(HostileConfig))]
public class HostilePayloadBenchmarks
{
    private HookRequest request = null!;

    [ParamsSource(nameof(Shapes))]
    public string Shape { get; set; } = "";

    [Params(1, 2, 4, 8)]
    public int MiB { get; set; }

    /// <summary>Every shape, or those HOSTILE_SHAPES names (comma-separated): a quadratic reader takes minutes for one 1 MiB read.</summary>
    public static IEnumerable<string> Shapes =>
        Environment.GetEnvironmentVariable("HOSTILE_SHAPES")?.Split(',') ?? HostilePayloads.Shapes;

    [GlobalSetup]
    public void Setup()
    {
        request = HostilePayloads.Create(Shape, MiB << 20);
        Check.Equal(true, IntakePath.ReadVerifyClassify(request, HostilePayloads.Secret) < 0, "hostile delivery refused");
    }

    [Benchmark(Description = "DeliveryReader.Read")]
    public bool Read() => DeliveryReader.Read(request).Succeeded;

    [Benchmark(Description = "intake: read + verify")]
    public int IntakeReadVerify() => IntakePath.ReadVerifyClassify(request, HostilePayloads.Secret);
}
