using System.Diagnostics;
using System.Net;
using System.Text;
using Redeploy.Core.Storage;

namespace Redeploy.Benchmarks.Load;

/// <summary>
/// Prepares the callback run: POSTs <c>--jobs</c> signed pushes (unique delivery ids) to the host, takes their jobs off
/// <c>deployment-jobs</c> (bounded in time), reports <c>started</c> once on each so the run's <c>started</c> reports
/// are duplicates, and writes the callback paths for wrk: <c>jobs.txt</c> (the jobs' own paths) and
/// <c>wrong-token.txt</c> (the same jobs with a token of the same length that is not theirs).
/// </summary>
public static class CallbackJobs
{
    private const int Concurrency = 8;

    public static async Task<int> RunAsync(LoadOptions options)
    {
        var push = await SignedPush.ReadAsync(options);
        var count = options.Int("jobs", 1000);
        var limit = TimeSpan.FromSeconds(options.Int("seconds", 300));
        var folder = options.Required("out");
        var jobs = await SignedPush.EmptyJobQueueAsync(options);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var start = Stopwatch.GetTimestamp();
        var next = 0;
        var accepted = 0;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                if (await PushAsync(http, push) == HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref accepted);
                }
            }
        }));

        // Callback URLs name the public base (localhost); wrk sends their paths to the host it was given.
        var paths = new List<string>(accepted);
        while (paths.Count < accepted && Stopwatch.GetElapsedTime(start) < limit)
        {
            var messages = (await jobs.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            foreach (var message in messages)
            {
                paths.Add(new Uri(JobQueue.Deserialize(message.Body).CallbackUrl!).AbsolutePath);
            }

            await Task.WhenAll(messages.Select(m => jobs.DeleteMessageAsync(m.MessageId, m.PopReceipt)));
            if (messages.Length == 0)
            {
                await Task.Delay(100);
            }
        }

        var started = 0;
        var retried = 0;
        next = -1;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < paths.Count)
            {
                // As a deployer would: a 503 (storage slow on a loaded machine) is tried again, at most twice.
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    using var content = new StringContent("""{"state":"started"}""", Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync(new Uri(push.Url, paths[i]), content);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        Interlocked.Increment(ref started);
                        break;
                    }

                    Interlocked.Increment(ref retried);
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }
        }));

        Directory.CreateDirectory(folder);
        await File.WriteAllLinesAsync(Path.Combine(folder, "jobs.txt"), paths);
        await File.WriteAllLinesAsync(Path.Combine(folder, "wrong-token.txt"), paths.Select(WrongToken));
        Console.WriteLine($"CALLBACK_PUSHES={count}");
        Console.WriteLine($"CALLBACK_ACCEPTED={accepted}");
        Console.WriteLine($"CALLBACK_JOBS={paths.Count}");
        Console.WriteLine($"CALLBACK_STARTED={started}");
        Console.WriteLine($"CALLBACK_STARTED_RETRIED={retried}");
        Console.WriteLine($"CALLBACK_PREPARE_SECONDS={Stopwatch.GetElapsedTime(start).TotalSeconds:F1}");
        return paths.Count == count && started == count ? 0 : 1;
    }

    private static async Task<HttpStatusCode> PushAsync(HttpClient http, SignedPush push)
    {
        using var request = push.NewDelivery();
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>/deployments/{jobId}/{token}/events with the token's characters reversed: same length, same alphabet.</summary>
    private static string WrongToken(string path)
    {
        var parts = path.Split('/');
        var token = parts[^2].ToCharArray();
        Array.Reverse(token);
        parts[^2] = new string(token);
        return string.Join('/', parts);
    }
}
