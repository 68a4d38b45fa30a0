using System.Diagnostics;
using Azure.Data.Tables;
using Redeploy.Core.Storage;

namespace Redeploy.Benchmarks.Load;

/// <summary>
/// Azurite's own ceiling: storage calls per second it sustains from the host's storage clients (same options) at a given
/// concurrency, half table upserts of a small row, half queue sends of a small message, as the intake's writes are.
/// The load run divides it by the calls per accepted delivery: the most deliveries per second this storage can accept.
/// </summary>
public static class StorageCeiling
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var clients = StorageClients.FromConnectionString(options.Required("storage"));
        var concurrency = options.Int("concurrency", 16);
        var duration = TimeSpan.FromSeconds(options.Int("seconds", 10));
        var name = "ceiling" + Environment.ProcessId;
        var table = clients.Tables.GetTableClient(name);
        var queue = clients.Queues.GetQueueClient(name);
        await table.CreateIfNotExistsAsync();
        await queue.CreateIfNotExistsAsync();
        var message = new string('x', 200);
        var latencies = new List<double>[concurrency];
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            for (var i = 0; Stopwatch.GetElapsedTime(start) < duration; i++)
            {
                var call = Stopwatch.GetTimestamp();
                if (i % 2 == 0)
                {
                    await table.UpsertEntityAsync(new TableEntity($"p{worker}", $"r{i}") { ["Body"] = message }, TableUpdateMode.Replace);
                }
                else
                {
                    await queue.SendMessageAsync(message);
                }

                mine.Add(Stopwatch.GetElapsedTime(call).TotalMilliseconds);
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await table.DeleteAsync();
        await queue.DeleteAsync();

        var all = latencies.SelectMany(l => l).Order().ToList();
        Console.WriteLine($"CEILING_CONCURRENCY={concurrency}");
        Console.WriteLine($"CEILING_CALLS={all.Count}");
        Console.WriteLine($"CEILING_CALLS_PER_S={all.Count / seconds:F1}");
        Console.WriteLine($"CEILING_P50_MS={Percentiles.Of(all, 50):F2}");
        Console.WriteLine($"CEILING_P99_MS={Percentiles.Of(all, 99):F2}");
        return 0;
    }
}
