using Microsoft.Extensions.Logging;
using Redeploy.Benchmarks.Load;
using Redeploy.Cli.Dev;

namespace Redeploy.Benchmarks.Soak;

/// <summary>
/// The host the soak kills and restarts: the local host of `redeploy dev` on given storage and port, with the
/// reconciler's windows shortened so a run of a minute sees its repairs. Prints READY once it serves.
/// </summary>
public static class SoakHost
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var host = await LocalHost.StartAsync(
            new LocalHostSettings(
                options.Required("storage"),
                options.Int("port", 0),
                new Dictionary<string, string?>
                {
                    ["Redeploy:InFlightWindow"] = "00:00:05",
                    ["Redeploy:ResendAfter"] = "00:00:20",
                },
                MinimumLevel: LogLevel.Warning,
                RetryDelay: TimeSpan.FromSeconds(2),
                ReconcileInterval: TimeSpan.FromSeconds(2)),
            CancellationToken.None);
        await using (host)
        {
            Console.WriteLine("READY");
            await host.WaitForShutdownAsync(CancellationToken.None);
        }

        return 0;
    }
}
