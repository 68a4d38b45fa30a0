using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Redeploy.Core.Storage;

namespace Redeploy.Benchmarks.Load;

/// <summary>
/// Azurite's own ceiling, from the host's storage clients (same options) at a given concurrency, the host idle.
/// <c>ceiling</c>: storage calls per second, half table upserts of a small row, half queue sends of a small message, as
/// the intake's writes are; the load run divides it by the calls per accepted delivery. <c>ceiling-batch</c>: what group
/// commit would do, one table transaction of N request rows (one partition) and one queue message at once per loop,
/// for each N of <c>--rows</c> (1,4,16): rows per second.
/// </summary>
public static class StorageCeiling
{
    private const int RowBytes = 200;

    public static async Task<int> RunAsync(LoadOptions options)
    {
        var message = new string('x', RowBytes);
        var run = await RunLoopsAsync(options, "ceiling", async (table, queue, worker, i) =>
        {
            if (i % 2 == 0)
            {
                await table.UpsertEntityAsync(new TableEntity($"p{worker}", $"r{i}") { ["Body"] = message }, TableUpdateMode.Replace);
            }
            else
            {
                await queue.SendMessageAsync(message);
            }
        });

        Console.WriteLine($"CEILING_CONCURRENCY={run.Concurrency}");
        Console.WriteLine($"CEILING_CALLS={run.Latencies.Count}");
        Console.WriteLine($"CEILING_CALLS_PER_S={run.Latencies.Count / run.Seconds:F1}");
        Console.WriteLine($"CEILING_P50_MS={Percentiles.Of(run.Latencies, 50):F2}");
        Console.WriteLine($"CEILING_P99_MS={Percentiles.Of(run.Latencies, 99):F2}");
        return 0;
    }

    public static async Task<int> RunBatchAsync(LoadOptions options)
    {
        var body = new string('x', RowBytes);
        foreach (var rows in options.String("rows", "1,4,16").Split(',').Select(int.Parse))
        {
            var run = await RunLoopsAsync(options, $"batch{rows}", async (table, queue, worker, i) =>
            {
                // Each loop its own partition and row keys: N new rows, as N deliveries to one stack. Upserts, as the plain
                // ceiling's, so a transaction the client retries after a timeout (its first try landed) does not conflict.
                var actions = Enumerable.Range(0, rows)
                    .Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity($"p{worker}", $"r{i}-{r}") { ["Body"] = body }));
                await Task.WhenAll(table.SubmitTransactionAsync(actions), queue.SendMessageAsync(body));
            });

            Console.WriteLine($"CEILING_BATCH{rows}_COMMITS_PER_S={run.Latencies.Count / run.Seconds:F1}");
            Console.WriteLine($"CEILING_BATCH{rows}_ROWS_PER_S={rows * run.Latencies.Count / run.Seconds:F1}");
            Console.WriteLine($"CEILING_BATCH{rows}_P50_MS={Percentiles.Of(run.Latencies, 50):F2}");
            Console.WriteLine($"CEILING_BATCH{rows}_P99_MS={Percentiles.Of(run.Latencies, 99):F2}");
        }

        return 0;
    }

    /// <summary>
    /// <c>--concurrency</c> loops calling <paramref name="call"/> (table, queue, loop, iteration) for <c>--seconds</c>, on a
    /// table and a queue of their own (removed after): each call's latency, sorted.
    /// </summary>
    private static async Task<LoopRun> RunLoopsAsync(LoadOptions options, string name, Func<TableClient, QueueClient, int, int, Task> call)
    {
        var clients = StorageClients.FromConnectionString(options.Required("storage"));
        var concurrency = options.Int("concurrency", 16);
        var duration = TimeSpan.FromSeconds(options.Int("seconds", 10));
        var resource = name + Environment.ProcessId;
        var table = clients.Tables.GetTableClient(resource);
        var queue = clients.Queues.GetQueueClient(resource);
        await table.CreateIfNotExistsAsync();
        await queue.CreateIfNotExistsAsync();
        var latencies = new List<double>[concurrency];
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            for (var i = 0; Stopwatch.GetElapsedTime(start) < duration; i++)
            {
                var sent = Stopwatch.GetTimestamp();
                await call(table, queue, worker, i);
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await table.DeleteAsync();
        await queue.DeleteAsync();
        return new LoopRun(concurrency, seconds, latencies.SelectMany(l => l).Order().ToList());
    }

    private sealed record LoopRun(int Concurrency, double Seconds, List<double> Latencies);
}
