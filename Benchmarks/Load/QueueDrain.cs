using System.Diagnostics;
using Azure.Storage.Queues;

namespace Redeploy.Benchmarks.Load;

/// <summary>
/// Waits until the host has taken every message off <c>redeploy-requests</c> (bounded), so that one run's backlog does
/// not share the processor with the next run; the time it took says how fast the queue side works off a backlog.
/// </summary>
public static class QueueDrain
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var queue = new QueueClient(options.Required("storage"), "redeploy-requests");
        var limit = TimeSpan.FromSeconds(options.Int("seconds", 180));
        var start = Stopwatch.GetTimestamp();
        var backlog = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var left = backlog;
        while (left > 0 && Stopwatch.GetElapsedTime(start) < limit)
        {
            await Task.Delay(500);
            left = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Console.WriteLine($"DRAIN_BACKLOG={backlog}");
        Console.WriteLine($"DRAIN_LEFT={left}");
        Console.WriteLine($"DRAIN_SECONDS={seconds:F1}");
        return left == 0 ? 0 : 1;
    }
}
