using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Redeploy.Benchmarks.Load;

/// <summary>
/// A burst: <c>--count</c> unique signed deliveries posted as fast as <c>--concurrency</c> connections allow (a Git host
/// replaying its backlog), each given up after <c>--timeout-seconds</c> (10, GitHub's limit). A watcher takes the jobs
/// off <c>deployment-jobs</c> meanwhile. Prints the answers (0 = no answer in time), their p50/p99, the accept rate,
/// every 202 without a job after <c>--final-seconds</c>, and how fast the backlog left when the last answer came was
/// worked off, beside the accept rate.
/// </summary>
public static class BurstDriver
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var push = await SignedPush.ReadAsync(options);
        var count = options.Int("count", 2000);
        var concurrency = options.Int("concurrency", 64);
        var timeout = TimeSpan.FromSeconds(options.Int("timeout-seconds", 10));
        var finalSeconds = options.Int("final-seconds", 120);
        var jobs = await SignedPush.EmptyJobQueueAsync(options);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { Timeout = timeout };
        var received = new ConcurrentDictionary<string, long>();
        var copies = new ConcurrentDictionary<string, int>();
        var accepted = new ConcurrentBag<string>();
        var answers = new ConcurrentBag<(int Status, double Milliseconds)>();
        using var stopWatching = new CancellationTokenSource();
        var watcher = PacedDriver.WatchJobsAsync(jobs, received, copies, stopWatching.Token);

        var next = -1;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                var (status, requestId, milliseconds) = await PostAsync(http, push);
                answers.Add((status, milliseconds));
                if (status == (int)HttpStatusCode.Accepted && requestId is not null)
                {
                    accepted.Add(requestId);
                }
            }
        }));
        var acceptSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var ids = accepted.ToList();
        var backlogAtEnd = ids.Count(id => !received.ContainsKey(id));
        var deadline = Stopwatch.GetTimestamp() + (finalSeconds * Stopwatch.Frequency);
        while (ids.Any(id => !received.ContainsKey(id)) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
        }

        stopWatching.Cancel();
        await watcher;

        var times = answers.Select(a => a.Milliseconds).Order().ToList();
        var lastJob = ids.Where(received.ContainsKey).Select(id => received[id]).DefaultIfEmpty(start).Max();
        var lastJobSeconds = Stopwatch.GetElapsedTime(start, lastJob).TotalSeconds;
        // The backlog's drain: the jobs that arrived after the last answer, over the time from it to the last job.
        var acceptEnd = start + (long)(acceptSeconds * Stopwatch.Frequency);
        var drained = ids.Count(id => received.TryGetValue(id, out var at) && at > acceptEnd);
        var drainSeconds = lastJobSeconds - acceptSeconds;
        var acceptedPerSecond = ids.Count / acceptSeconds;
        var drainPerSecond = drained > 0 && drainSeconds > 0 ? (drained / drainSeconds).ToString("F1") : "n/a";
        Console.WriteLine($"BURST_COUNT={count}");
        Console.WriteLine($"BURST_CONCURRENCY={concurrency}");
        Console.WriteLine($"BURST_ANSWERS={string.Join(",", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}"))}");
        Console.WriteLine($"BURST_5XX={answers.Count(a => a.Status >= 500)}");
        Console.WriteLine($"BURST_NO_ANSWER={answers.Count(a => a.Status == 0)}");
        Console.WriteLine($"BURST_P50_MS={Percentiles.Of(times, 50):F1}");
        Console.WriteLine($"BURST_P99_MS={Percentiles.Of(times, 99):F1}");
        Console.WriteLine($"BURST_MAX_MS={(times.Count > 0 ? times[^1] : double.NaN):F1}");
        Console.WriteLine($"BURST_ACCEPT_SECONDS={acceptSeconds:F2}");
        Console.WriteLine($"BURST_ACCEPTED={ids.Count}");
        Console.WriteLine($"BURST_ACCEPTED_PER_S={acceptedPerSecond:F1}");
        Console.WriteLine($"BURST_JOBS={ids.Count(received.ContainsKey)}");
        Console.WriteLine($"BURST_ACCEPTED_WITHOUT_JOB={ids.Count(id => !received.ContainsKey(id))}");
        Console.WriteLine($"BURST_DOUBLED={ids.Count(id => copies.GetValueOrDefault(id) > 1)}");
        Console.WriteLine($"BURST_LAST_JOB_SECONDS={lastJobSeconds:F2}");
        Console.WriteLine($"BURST_DISPATCHED_PER_S={ids.Count(received.ContainsKey) / Math.Max(lastJobSeconds, 0.001):F1}");
        Console.WriteLine($"BURST_BACKLOG_AT_LAST_ANSWER={backlogAtEnd}");
        Console.WriteLine($"BURST_BACKLOG_DRAINED={drained}");
        Console.WriteLine($"BURST_BACKLOG_DRAIN_SECONDS={Math.Max(drainSeconds, 0):F2}");
        Console.WriteLine($"BURST_BACKLOG_DRAIN_PER_S={drainPerSecond}");
        return answers.All(a => a.Status is > 0 and < 500) && ids.All(received.ContainsKey) ? 0 : 1;
    }

    private static async Task<(int Status, string? RequestId, double Milliseconds)> PostAsync(HttpClient http, SignedPush push)
    {
        var sent = Stopwatch.GetTimestamp();
        using var request = push.NewDelivery();
        try
        {
            using var response = await http.SendAsync(request);
            var requestId = response.Headers.Location?.Segments[^1];
            return ((int)response.StatusCode, requestId, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (0, null, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }
    }
}
