using BenchmarkDotNet.Running;
using Redeploy.Benchmarks.Load;
using Redeploy.Benchmarks.Micro;
using Redeploy.Benchmarks.Soak;

namespace Redeploy.Benchmarks;

/// <summary>
/// dotnet run -c Release --project Benchmarks -- micro [BenchmarkDotNet options]   the micro benchmarks, one joined summary
///   (the hostile payloads only with options that select them: micro --filter '*HostilePayload*')
/// dotnet run -c Release --project Benchmarks -- hostile [--kib 16,...,10240]       CPU time of one read of each hostile payload
/// dotnet run -c Release --project Benchmarks -- host [--port 7080] [--stack-cache-seconds 10] [--log-level Warning]
/// dotnet run -c Release --project Benchmarks -- payload --out DIR                  the signed 7 KB, 1 MB and 9.5 MB pushes for wrk and webhook
/// dotnet run -c Release --project Benchmarks -- paced --url URL --storage CS ...   POST at a fixed rate, time each job
/// dotnet run -c Release --project Benchmarks -- callback-jobs --url URL --storage CS --out DIR ...  jobs and callback paths for wrk
/// dotnet run -c Release --project Benchmarks -- drain --storage CS [--seconds 180]  wait until redeploy-requests is empty
/// dotnet run -c Release --project Benchmarks -- ceiling --storage CS [--concurrency 16] [--seconds 10]  storage calls/s Azurite sustains
/// dotnet run -c Release --project Benchmarks -- ceiling-batch --storage CS [--rows 1,4,16] [--concurrency 16] [--seconds 10]  group commit's rows/s
/// dotnet run -c Release --project Benchmarks -- burst --url URL --storage CS [--count 2000] [--concurrency 64] ...  a burst, every 202 checked
/// dotnet run -c Release --project Benchmarks -- soak [--seconds 40] [--rate 10] [--settle-seconds 60]  deliveries under faults
/// See docs/PERFORMANCE.md.
/// </summary>
public static class BenchmarksProgram
{
    public static async Task<int> Main(string[] args)
    {
        var command = args.Length > 0 ? args[0] : "micro";
        var rest = args.Skip(1).ToArray();
        return command switch
        {
            "micro" => RunMicro(rest),
            "hostile" => HostileTimings.Run(LoadOptions.Parse(rest)),
            "host" => await BenchHost.RunAsync(LoadOptions.Parse(rest)),
            "payload" => PayloadFiles.Write(LoadOptions.Parse(rest)),
            "paced" => await PacedDriver.RunAsync(LoadOptions.Parse(rest)),
            "drain" => await QueueDrain.RunAsync(LoadOptions.Parse(rest)),
            "take-jobs" => await JobTaker.RunAsync(LoadOptions.Parse(rest)),
            "ceiling" => await StorageCeiling.RunAsync(LoadOptions.Parse(rest)),
            "ceiling-batch" => await StorageCeiling.RunBatchAsync(LoadOptions.Parse(rest)),
            "burst" => await BurstDriver.RunAsync(LoadOptions.Parse(rest)),
            "callback-jobs" => await CallbackJobs.RunAsync(LoadOptions.Parse(rest)),
            "soak" => await FaultSoak.RunAsync(LoadOptions.Parse(rest)),
            "soak-host" => await SoakHost.RunAsync(LoadOptions.Parse(rest)),
            _ => Usage(),
        };
    }

    private static int RunMicro(string[] options)
    {
        var arguments = options.Length > 0 ? options : ["--filter", "*", "--join"];

        // The hostile payloads run only when asked for (--filter '*HostilePayload*'): 48 cases, and hours on a quadratic reader.
        var types = typeof(GitHubPushBenchmarks).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false)))
            .Where(t => options.Length > 0 || t != typeof(HostilePayloadBenchmarks))
            .ToArray();
        var summaries = BenchmarkSwitcher.FromTypes(types).Run(arguments);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Redeploy.Benchmarks micro|hostile|host|payload|paced|drain|take-jobs|ceiling|ceiling-batch|burst|callback-jobs|soak [options]  (see docs/PERFORMANCE.md)");
        return 2;
    }
}
