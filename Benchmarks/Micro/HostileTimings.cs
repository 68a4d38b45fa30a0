using System.Diagnostics;
using Redeploy.Benchmarks.Load;
using Redeploy.Benchmarks.Payloads;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;

namespace Redeploy.Benchmarks.Micro;

/// <summary>
/// dotnet run -c Release --project Benchmarks -- hostile [--kib 16,32,...,10240] [--budget-seconds 10] [--shapes a,b]
/// The CPU time of one read of each hostile payload (<see cref="HostilePayloads"/>) at growing sizes, through
/// DeliveryReader.Read and through the intake's read + verify path; one key=value line per shape and size. Unlike the
/// BenchmarkDotNet suite it also measures a quadratic reader: a shape stops growing once one read takes more CPU time than
/// the budget (the sizes after it are printed as skipped).
/// </summary>
public static class HostileTimings
{
    private const string DefaultKib = "16,32,64,128,256,512,1024,2048,4096,8192,10240";

    public static int Run(LoadOptions options)
    {
        var sizes = options.String("kib", DefaultKib).Split(',').Select(int.Parse).ToArray();
        var budget = TimeSpan.FromSeconds(options.Int("budget-seconds", 10));
        var shapes = options.String("shapes", string.Join(',', HostilePayloads.Shapes)).Split(',');

        // JIT and tiering out of the way before anything is measured: each path called for a while on a small payload.
        foreach (var shape in shapes)
        {
            var small = HostilePayloads.Create(shape, 4096);
            for (var i = 0; i < 3; i++)
            {
                Measure(small, r => DeliveryReader.Read(r).Succeeded ? 1 : 0);
                Measure(small, r => IntakePath.ReadVerifyClassify(r, HostilePayloads.Secret));
            }
        }

        foreach (var shape in shapes)
        {
            var over = false;
            foreach (var kib in sizes)
            {
                if (over)
                {
                    Console.WriteLine($"shape={shape} kib={kib} skipped=over_budget_at_smaller_size");
                    continue;
                }

                var request = HostilePayloads.Create(shape, kib << 10);
                var read = DeliveryReader.Read(request);
                var outcome = read.Succeeded ? $"read:{read.Value.Kind}:{read.Value.Pushes.Count}" : $"{read.Failure.Kind}";
                var (readCpu, readWall) = Measure(request, r => DeliveryReader.Read(r).Succeeded ? 1 : 0);
                over = readCpu > budget;
                var intake = over
                    ? "intake_cpu_ms=skipped"
                    : $"intake_cpu_ms={Measure(request, r => IntakePath.ReadVerifyClassify(r, HostilePayloads.Secret)).Cpu.TotalMilliseconds:F1}";
                Console.WriteLine(
                    $"shape={shape} kib={kib} bytes={request.Body.Length} read_cpu_ms={readCpu.TotalMilliseconds:F1} " +
                    $"read_wall_ms={readWall.TotalMilliseconds:F1} {intake} outcome={outcome}");
            }
        }

        return 0;
    }

    /// <summary>CPU (the whole process, GC included) and wall time of one call: the average of as many as fill 200 ms.</summary>
    private static (TimeSpan Cpu, TimeSpan Wall) Measure(HookRequest request, Func<HookRequest, int> call)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var calls = 0;
        do
        {
            call(request);
            calls++;
        }
        while (clock.Elapsed < TimeSpan.FromMilliseconds(200));

        process.Refresh();
        return ((process.TotalProcessorTime - cpuStart) / calls, clock.Elapsed / calls);
    }
}
