using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using Redeploy.Core.Storage;

namespace Redeploy.Benchmarks.Load;

/// <summary>
/// An open-loop driver: POSTs the signed payload at a fixed rate (each on its own schedule, whether or not earlier ones
/// have answered, so a slow answer cannot hide a queue), while a watcher receives and deletes jobs on
/// <c>deployment-jobs</c>. The delay of a delivery is from its scheduled send to the moment its job was received.
/// At the end it reads each request's status. With <c>--final-seconds N</c> (the storage-pause run) it also waits up to
/// N s for jobs, counts copies of each job, counts <c>200 duplicate</c> answers as deliveries answered 2xx, and polls the
/// status URLs until every request is final (not <c>queued</c>), printing when that was (Unix ms).
/// </summary>
public static class PacedDriver
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var push = await SignedPush.ReadAsync(options);
        var rate = options.Int("rate", 50);
        var seconds = options.Int("seconds", 20);
        var finalSeconds = options.Int("final-seconds", 0);
        var jobs = await SignedPush.EmptyJobQueueAsync(options);

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };
        var sent = new ConcurrentDictionary<string, long>(); // request id -> scheduled send (Stopwatch ticks)
        var received = new ConcurrentDictionary<string, long>(); // job id -> received (Stopwatch ticks)
        var copies = new ConcurrentDictionary<string, int>(); // job id -> copies received
        var duplicates = new ConcurrentBag<string>(); // request ids answered 200 duplicate
        var answers = new ConcurrentBag<(HttpStatusCode Status, double Milliseconds)>();
        var statusUrls = new ConcurrentBag<Uri>();
        using var stopWatching = new CancellationTokenSource();
        var watcher = WatchJobsAsync(jobs, received, copies, stopWatching.Token);

        var total = rate * seconds;
        var period = Stopwatch.Frequency / (double)rate;
        var start = Stopwatch.GetTimestamp();
        var posts = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var scheduled = start + (long)(i * period);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), scheduled);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            posts.Add(PostAsync(http, push, scheduled, sent, answers, statusUrls, duplicates));
        }

        await Task.WhenAll(posts);
        var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var deadline = Stopwatch.GetTimestamp() + (Math.Max(30, finalSeconds) * Stopwatch.Frequency);
        while (sent.Keys.Concat(duplicates).Any(id => !received.ContainsKey(id)) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
        }

        // A copy sent late (a resumed dispatch) would come after the last first copy: watch a little longer.
        if (finalSeconds > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        stopWatching.Cancel();
        await watcher;
        var allFinalAt = finalSeconds > 0 ? await WaitAllFinalAsync(http, statusUrls, duplicates, deadline) : (long?)null;

        var delays = sent.Where(s => received.ContainsKey(s.Key))
            .Select(s => Stopwatch.GetElapsedTime(s.Value, received[s.Key]).TotalMilliseconds).Order().ToList();
        var answerTimes = answers.Select(a => a.Milliseconds).Order().ToList();
        var statuses = await ReadStatusesAsync(http, statusUrls);

        Console.WriteLine($"PACED_RATE={rate}");
        Console.WriteLine($"PACED_SENT={total}");
        Console.WriteLine($"PACED_SEND_SECONDS={sendSeconds:F1}");
        Console.WriteLine($"PACED_ANSWERS={string.Join(",", answers.GroupBy(a => (int)a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}"))}");
        Console.WriteLine($"PACED_ANSWER_P50_MS={Percentiles.Of(answerTimes, 50):F1}");
        Console.WriteLine($"PACED_ANSWER_P99_MS={Percentiles.Of(answerTimes, 99):F1}");
        Console.WriteLine($"PACED_JOBS={delays.Count}");
        Console.WriteLine($"PACED_JOBS_MISSING={sent.Count - delays.Count}");
        Console.WriteLine($"PACED_JOB_DELAY_P50_MS={Percentiles.Of(delays, 50):F1}");
        Console.WriteLine($"PACED_JOB_DELAY_P99_MS={Percentiles.Of(delays, 99):F1}");
        Console.WriteLine($"PACED_JOB_DELAY_MAX_MS={(delays.Count > 0 ? delays[^1] : double.NaN):F1}");
        Console.WriteLine($"PACED_STATUSES={statuses}");
        if (finalSeconds == 0)
        {
            return delays.Count == total ? 0 : 1;
        }

        var answered2xx = sent.Keys.Concat(duplicates).Distinct().ToList();
        var lost = answered2xx.Count(id => !received.ContainsKey(id));
        var doubled = answered2xx.Count(id => copies.GetValueOrDefault(id) > 1);
        Console.WriteLine($"PACED_DUPLICATE_ANSWERS={duplicates.Count}");
        Console.WriteLine($"PACED_ANSWERED_2XX={answered2xx.Count}");
        Console.WriteLine($"PACED_DISTINCT_JOBS={copies.Count}");
        Console.WriteLine($"PACED_LOST={lost}");
        Console.WriteLine($"PACED_DOUBLED={doubled}");
        Console.WriteLine($"PACED_ALL_FINAL_AT_MS={(allFinalAt?.ToString() ?? "never")}");
        return lost == 0 && allFinalAt is not null ? 0 : 1;
    }

    private static async Task PostAsync(
        HttpClient http, SignedPush push, long scheduled,
        ConcurrentDictionary<string, long> sent, ConcurrentBag<(HttpStatusCode, double)> answers, ConcurrentBag<Uri> statusUrls,
        ConcurrentBag<string> duplicates)
    {
        using var request = push.NewDelivery();
        try
        {
            using var response = await http.SendAsync(request);
            answers.Add((response.StatusCode, Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds));
            if (response.StatusCode == HttpStatusCode.Accepted && response.Headers.Location is { } location)
            {
                sent[location.Segments[^1]] = scheduled;
                statusUrls.Add(location);
            }
            else if (response.StatusCode == HttpStatusCode.OK)
            {
                using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (answer.RootElement.GetProperty("status").GetString() == "duplicate")
                {
                    duplicates.Add(answer.RootElement.GetProperty("requestId").GetString()!);
                }
            }
        }
        catch (HttpRequestException)
        {
            answers.Add((0, Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds));
        }
        catch (TaskCanceledException)
        {
            answers.Add((0, Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds));
        }
    }

    /// <summary>Receives and deletes jobs on deployment-jobs until stopped: when each job id was first seen, and its copies.</summary>
    internal static async Task WatchJobsAsync(
        QueueClient jobs, ConcurrentDictionary<string, long> received, ConcurrentDictionary<string, int> copies, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var messages = (await jobs.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), CancellationToken.None)).Value;
            var now = Stopwatch.GetTimestamp();
            foreach (var message in messages)
            {
                var jobId = JobQueue.Deserialize(message.Body).JobId;
                received.TryAdd(jobId, now);
                copies.AddOrUpdate(jobId, 1, (_, n) => n + 1);
            }

            await Task.WhenAll(messages.Select(m => jobs.DeleteMessageAsync(m.MessageId, m.PopReceipt, CancellationToken.None)));
            if (messages.Length == 0)
            {
                await Task.Delay(5, CancellationToken.None);
            }
        }
    }

    /// <summary>Polls every 2xx delivery's status URL (a duplicate's is its request id under a 202's path) until none reads queued.</summary>
    private static async Task<long?> WaitAllFinalAsync(HttpClient http, IEnumerable<Uri> statusUrls, IEnumerable<string> duplicates, long deadline)
    {
        var urls = statusUrls.ToList();
        if (urls.Count > 0)
        {
            urls.AddRange(duplicates.Select(id => new Uri(urls[0], id)));
        }

        var open = urls.Distinct().ToList();
        while (true)
        {
            var stillOpen = new List<Uri>();
            foreach (var url in open)
            {
                using var document = JsonDocument.Parse(await http.GetStringAsync(url));
                if (document.RootElement.GetProperty("status").GetString() == "queued")
                {
                    stillOpen.Add(url);
                }
            }

            open = stillOpen;
            if (open.Count == 0)
            {
                return DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            }

            if (Stopwatch.GetTimestamp() >= deadline)
            {
                Console.WriteLine($"PACED_STILL_OPEN={open.Count}");
                return null;
            }

            await Task.Delay(500);
        }
    }

    private static async Task<string> ReadStatusesAsync(HttpClient http, IEnumerable<Uri> statusUrls)
    {
        var counts = new Dictionary<string, int>();
        foreach (var url in statusUrls)
        {
            using var document = JsonDocument.Parse(await http.GetStringAsync(url));
            var status = document.RootElement.GetProperty("status").GetString() ?? "?";
            counts[status] = counts.GetValueOrDefault(status) + 1;
        }

        return string.Join(",", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}:{c.Value}"));
    }
}
