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
/// At the end it reads each request's status.
/// </summary>
public static class PacedDriver
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var url = new Uri(options.Required("url"));
        var rate = options.Int("rate", 50);
        var seconds = options.Int("seconds", 20);
        var body = await File.ReadAllBytesAsync(options.Required("payload"));
        var signature = (await File.ReadAllTextAsync(options.Required("signature"))).Trim();
        var jobs = new QueueClient(options.Required("storage"), "deployment-jobs", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await jobs.CreateIfNotExistsAsync();
        await jobs.ClearMessagesAsync();

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };
        var sent = new ConcurrentDictionary<string, long>(); // request id -> scheduled send (Stopwatch ticks)
        var received = new ConcurrentDictionary<string, long>(); // job id -> received (Stopwatch ticks)
        var answers = new ConcurrentBag<(HttpStatusCode Status, double Milliseconds)>();
        var statusUrls = new ConcurrentBag<Uri>();
        using var stopWatching = new CancellationTokenSource();
        var watcher = WatchJobsAsync(jobs, received, stopWatching.Token);

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

            posts.Add(PostAsync(http, url, body, signature, scheduled, sent, answers, statusUrls));
        }

        await Task.WhenAll(posts);
        var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (sent.Keys.Any(id => !received.ContainsKey(id)) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
        }

        stopWatching.Cancel();
        await watcher;

        var delays = sent.Where(s => received.ContainsKey(s.Key))
            .Select(s => Stopwatch.GetElapsedTime(s.Value, received[s.Key]).TotalMilliseconds).Order().ToList();
        var answerTimes = answers.Select(a => a.Milliseconds).Order().ToList();
        var statuses = await ReadStatusesAsync(http, statusUrls);

        Console.WriteLine($"PACED_RATE={rate}");
        Console.WriteLine($"PACED_SENT={total}");
        Console.WriteLine($"PACED_SEND_SECONDS={sendSeconds:F1}");
        Console.WriteLine($"PACED_ANSWERS={string.Join(",", answers.GroupBy(a => (int)a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}"))}");
        Console.WriteLine($"PACED_ANSWER_P50_MS={Percentile(answerTimes, 50):F1}");
        Console.WriteLine($"PACED_ANSWER_P99_MS={Percentile(answerTimes, 99):F1}");
        Console.WriteLine($"PACED_JOBS={delays.Count}");
        Console.WriteLine($"PACED_JOBS_MISSING={sent.Count - delays.Count}");
        Console.WriteLine($"PACED_JOB_DELAY_P50_MS={Percentile(delays, 50):F1}");
        Console.WriteLine($"PACED_JOB_DELAY_P99_MS={Percentile(delays, 99):F1}");
        Console.WriteLine($"PACED_JOB_DELAY_MAX_MS={(delays.Count > 0 ? delays[^1] : double.NaN):F1}");
        Console.WriteLine($"PACED_STATUSES={statuses}");
        return delays.Count == total ? 0 : 1;
    }

    private static async Task PostAsync(
        HttpClient http, Uri url, byte[] body, string signature, long scheduled,
        ConcurrentDictionary<string, long> sent, ConcurrentBag<(HttpStatusCode, double)> answers, ConcurrentBag<Uri> statusUrls)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", signature);
        try
        {
            using var response = await http.SendAsync(request);
            answers.Add((response.StatusCode, Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds));
            if (response.StatusCode == HttpStatusCode.Accepted && response.Headers.Location is { } location)
            {
                sent[location.Segments[^1]] = scheduled;
                statusUrls.Add(location);
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

    private static async Task WatchJobsAsync(QueueClient jobs, ConcurrentDictionary<string, long> received, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var messages = (await jobs.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), CancellationToken.None)).Value;
            var now = Stopwatch.GetTimestamp();
            foreach (var message in messages)
            {
                received.TryAdd(JobQueue.Deserialize(message.Body).JobId, now);
            }

            await Task.WhenAll(messages.Select(m => jobs.DeleteMessageAsync(m.MessageId, m.PopReceipt, CancellationToken.None)));
            if (messages.Length == 0)
            {
                await Task.Delay(5, CancellationToken.None);
            }
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

    private static double Percentile(List<double> sorted, int percent) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
