using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Redeploy.Benchmarks.Payloads;
using Redeploy.Cli.Dev;
using Redeploy.Core;
using Redeploy.Core.Security;
using Redeploy.Core.Storage;

namespace Redeploy.Benchmarks.Load;

/// <summary>
/// The local host of `redeploy dev` for the load run: Azurite in memory, tables and queues, one Docker stack with a
/// known hook token and webhook secret, Kestrel on 127.0.0.1. With <c>--count-storage FILE</c> it counts its storage calls
/// into FILE (<see cref="StorageCallCounter"/>), with <c>--runtime-file FILE</c> its GC and thread pool figures
/// (<see cref="RuntimeSampler"/>). Prints the hook URL and its process id, then serves
/// until SIGINT or SIGTERM, when it prints its peak resident set size.
/// </summary>
public static class BenchHost
{
    public const string StackUid = "0123456789abcdef0123456789abcdef";
    public const string Token = "fedcba9876543210fedcba9876543210";

    public static async Task<int> RunAsync(LoadOptions options)
    {
        var port = options.Int("port", 7080);
        var cacheSeconds = options.Int("stack-cache-seconds", 10);
        var logLevel = Enum.Parse<LogLevel>(options.String("log-level", nameof(LogLevel.Warning)));
        var root = NodeTools.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? NodeTools.FindRepositoryRoot(Environment.CurrentDirectory)
            ?? throw new InvalidOperationException("run from the repository: RedeployFunctions.sln not found");
        using var azurite = await StartAzuriteAsync(root);
        var countFile = options.String("count-storage", "");
        using var counter = countFile.Length > 0 ? StorageCallCounter.Start(azurite.ConnectionString, countFile) : null;
        var runtimeFile = options.String("runtime-file", "");
        using var runtime = runtimeFile.Length > 0 ? RuntimeSampler.Start(runtimeFile) : null;
        var host = await LocalHost.StartAsync(
            new LocalHostSettings(
                azurite.ConnectionString,
                port,
                new Dictionary<string, string?> { ["Redeploy:StackCacheDuration"] = TimeSpan.FromSeconds(cacheSeconds).ToString() },
                MinimumLevel: logLevel),
            CancellationToken.None);
        await using (host)
        {
            var services = host.Services;
            await services.GetRequiredService<StorageSetup>().EnsureCreatedAsync(CancellationToken.None);
            await services.GetRequiredService<TableStackStore>().SaveAsync(
                new StoredStack(StackUid, BenchStacks.Docker(3), [new TokenHash(HookToken.Hash(Token))], SignedDeliveries.Secret, new Dictionary<string, string>()),
                CancellationToken.None);

            Console.WriteLine($"HOST_PID={Environment.ProcessId}");
            Console.WriteLine($"AZURITE_PID={azurite.ProcessId}");
            Console.WriteLine($"STORAGE={azurite.ConnectionString}");
            Console.WriteLine($"HOOK_URL={host.Address}stacks/redeploy/{StackUid}/{Token}");
            Console.WriteLine($"STACK_CACHE_SECONDS={cacheSeconds}");
            Console.WriteLine("READY");
            await host.WaitForShutdownAsync(CancellationToken.None);
            Console.WriteLine($"PEAK_RSS_KB={PeakResidentKilobytes()}");
        }

        return 0;
    }

    // Azurite gets 30 s to listen; on a machine loaded by other builds Node.js can take longer: three tries.
    private static async Task<AzuriteProcess> StartAzuriteAsync(string root)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AzuriteProcess.StartAsync(root, progress: Console.Error.WriteLine);
            }
            catch (InvalidOperationException e) when (attempt < 3)
            {
                Console.Error.WriteLine($"Azurite attempt {attempt}: {e.Message.Trim()}");
            }
        }
    }

    /// <summary>VmHWM of /proc/self/status: the most memory this process held resident at any time.</summary>
    public static long PeakResidentKilobytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }
}
