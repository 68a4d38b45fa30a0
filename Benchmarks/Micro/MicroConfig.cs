using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Redeploy.Benchmarks.Micro;

/// <summary>Short runs for a 2-core machine: 3 warm-up and 10 measured iterations, one process per benchmark.</summary>
public sealed class MicroConfig : ManualConfig
{
    public MicroConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithId("Short10"));
    }
}
