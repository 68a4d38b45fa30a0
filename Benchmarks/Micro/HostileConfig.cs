using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Redeploy.Benchmarks.Micro;

/// <summary>
/// Very short runs for the 48 hostile cases: in process, 1 warm-up and 3 measured iterations of at least 250 ms, so that the
/// whole suite takes minutes on a 2-core machine (linear readers; a quadratic one is measured by the hostile command).
/// </summary>
public sealed class HostileConfig : ManualConfig
{
    public HostileConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithMinIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
            .WithId("Hostile3"));
    }
}
