using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Queues;
using Redeploy.Benchmarks.Load;
using Redeploy.Benchmarks.Payloads;
using Redeploy.Cli.Dev;
using Redeploy.Core;
using Redeploy.Core.Intake;
using Redeploy.Core.Security;
using Redeploy.Core.Storage;

namespace Redeploy.Benchmarks.Soak;

/// <summary>
/// Drives unique signed GitHub pushes at the local host (a child process) while injecting faults into a real Azurite
/// with its data on disk: storage paused (SIGSTOP/SIGCONT), the host killed with SIGKILL and restarted, storage ended
/// and restarted on its data, and a TCP proxy between host and storage that delays, then resets, connections. A sender
/// retries every delivery not answered 2xx with the same delivery id, as a Git host's redelivery does; a consumer drains
/// <c>deployment-jobs</c>. Then it checks that every delivery answered 2xx reached a job, and counts the jobs seen more
/// than once (docs/decisions.md says where that can happen).
/// </summary>
public static class FaultSoak
{
    // A sender's retries back off (1, 2, 4, 8 s, then every 8 s), as Git hosts' redeliveries do: retrying every delivery
    // every second or two against storage that is still recovering only keeps it down.
    private static TimeSpan RetryPause(int attempt) => TimeSpan.FromSeconds(Math.Min(1 << Math.Min(attempt, 3), 8));

    public static async Task<int> RunAsync(LoadOptions options)
    {
        var seconds = options.Int("seconds", 40);
        var rate = options.Int("rate", 10);
        var settle = TimeSpan.FromSeconds(options.Int("settle-seconds", 60));
        var root = NodeTools.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? NodeTools.FindRepositoryRoot(Environment.CurrentDirectory)
            ?? throw new InvalidOperationException("run from the repository: RedeployFunctions.sln not found");
        var data = Directory.CreateTempSubdirectory("redeploy-soak-");
        var (blobPort, queuePort, tablePort) = (FreePort(), FreePort(), FreePort());
        var azurite = await AzuriteProcess.StartAsync(root, blobPort, queuePort, tablePort, data.FullName);
        SoakHostProcess? host = null;
        var passed = false;
        try
        {
            await using var tableProxy = new TcpProxy(tablePort);
            await using var queueProxy = new TcpProxy(queuePort);
            var direct = azurite.ConnectionString;
            await PrepareStorageAsync(direct);
            var port = FreePort();
            var hostLog = Path.Combine(data.FullName, "host.log");
            host = await SoakHostProcess.StartAsync(AzuriteProcess.ConnectionStringFor(blobPort, queuePort: queueProxy.Port, tablePort: tableProxy.Port), port, hostLog);
            var url = new Uri($"http://127.0.0.1:{port}/stacks/redeploy/{BenchHost.StackUid}/{BenchHost.Token}");
            Console.WriteLine($"SOAK: {rate}/s for {seconds} s; storage data and host log in {data.FullName}");

            var counts = new AnswerCounts();
            var jobs = new ConcurrentDictionary<string, ConcurrentDictionary<string, byte>>(); // job id -> queue message ids
            using var stopConsumer = new CancellationTokenSource();
            var consumer = ConsumeJobsAsync(direct, jobs, stopConsumer.Token);

            var start = Stopwatch.GetTimestamp();
            // Senders retry, and the run waits for jobs, until `settle` after the last delivery was first sent.
            using var giveUp = new CancellationTokenSource();
            var proxied = AzuriteProcess.ConnectionStringFor(blobPort, queueProxy.Port, tableProxy.Port);
            using var hostLock = new SemaphoreSlim(1);
            var crashes = 0;
            async Task RestartHostAsync(bool kill)
            {
                await hostLock.WaitAsync();
                try
                {
                    if (kill || host!.HasExited)
                    {
                        crashes += kill ? 0 : 1;
                        host!.Kill();
                        host = await SoakHostProcess.StartAsync(proxied, port, hostLog);
                    }
                }
                finally
                {
                    hostLock.Release();
                }
            }

            var faults = InjectFaultsAsync(TimeSpan.FromSeconds(seconds), start, () => azurite, a => azurite = a, () => RestartHostAsync(kill: true), () => host!.ProcessId, tableProxy, queueProxy, root, blobPort, queuePort, tablePort, data.FullName);

            // As the Functions platform does, a host that ends on its own is started again (the WebJobs SDK's queue
            // listener ends the process when storage stays unreachable); counted and reported.
            var watchdog = Task.Run(async () =>
            {
                while (!stopConsumer.IsCancellationRequested)
                {
                    try
                    {
                        await RestartHostAsync(kill: false);
                    }
                    catch (Exception e) when (e is InvalidOperationException or TimeoutException)
                    {
                        Console.WriteLine($"SOAK_HOST_RESTART_FAILED={e.Message}");
                    }

                    await Task.Delay(500, CancellationToken.None);
                }
            });
            var body = GitHubPushPayload.Create(GitHubPushPayload.SmallCommits);
            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) }) { Timeout = TimeSpan.FromSeconds(10) };
            var deliveries = new List<Task<(string RequestId, bool Answered2xx)>>();
            for (var i = 0; i < rate * seconds || !faults.IsCompleted; i++)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), start + (long)(i * Stopwatch.Frequency / (double)rate));
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                deliveries.Add(DeliverAsync(http, url, body, Guid.NewGuid().ToString(), counts, giveUp.Token));
            }

            giveUp.CancelAfter(settle);
            var results = await Task.WhenAll(deliveries);
            await faults;
            var answered = results.Where(r => r.Answered2xx).Select(r => r.RequestId).ToList();
            while (answered.Any(id => !jobs.ContainsKey(id)) && !giveUp.IsCancellationRequested)
            {
                await Task.Delay(250);
            }

            // A little longer, so that a job sent twice is seen twice.
            await Task.Delay(TimeSpan.FromSeconds(3));
            await stopConsumer.CancelAsync();
            await consumer;
            await watchdog;

            var lost = answered.Where(id => !jobs.ContainsKey(id)).ToList();
            var doubled = answered.Count(id => jobs.TryGetValue(id, out var copies) && copies.Count == 2);
            var more = answered.Count(id => jobs.TryGetValue(id, out var copies) && copies.Count > 2);
            var requests = new RequestLog(StorageClients.FromConnectionString(direct).Tables, new RedeployOptions());
            var open = 0;
            await foreach (var _ in requests.ListOpenAsync(CancellationToken.None))
            {
                open++;
            }

            Console.WriteLine($"SOAK_HOST_ENDED_ON_ITS_OWN={crashes}");
            Console.WriteLine($"SOAK_SENT={results.Length}");
            Console.WriteLine($"SOAK_POSTS={counts.Posts}");
            Console.WriteLine($"SOAK_202={counts.Accepted}");
            Console.WriteLine($"SOAK_200_DUPLICATE={counts.Duplicate}");
            Console.WriteLine($"SOAK_503={counts.Unavailable}");
            Console.WriteLine($"SOAK_NO_ANSWER={counts.NoAnswer}");
            Console.WriteLine($"SOAK_OTHER={counts.Other} ({string.Join(",", counts.OtherStatuses.Order())})");
            if (counts.Other > 0)
            {
                // Answers other than 2xx/503 are not expected: show what the web host logged as failed (the log goes on a pass).
                foreach (var line in File.ReadLines(hostLog).Where(l => l.Contains(" fail: Microsoft.AspNetCore", StringComparison.Ordinal)).Take(5))
                {
                    Console.WriteLine($"SOAK_HOST_FAILURE={line[..Math.Min(line.Length, 2000)]}");
                }
            }
            Console.WriteLine($"SOAK_NEVER_2XX={results.Length - answered.Count}");
            Console.WriteLine($"SOAK_JOBS={jobs.Count}");
            Console.WriteLine($"SOAK_LOST={lost.Count}");
            Console.WriteLine($"SOAK_DOUBLED={doubled}");
            Console.WriteLine($"SOAK_MORE_THAN_TWICE={more}");
            Console.WriteLine($"SOAK_OPEN_REQUESTS={open}");
            Console.WriteLine($"SOAK_SECONDS={Stopwatch.GetElapsedTime(start).TotalSeconds:F1}");
            foreach (var id in lost.Take(10))
            {
                var record = await requests.GetAsync(BenchHost.StackUid, id, CancellationToken.None);
                Console.WriteLine($"SOAK_LOST_REQUEST={id} {record?.Status.ToString() ?? "no row"} enqueued={record?.Enqueued}");
            }

            passed = lost.Count == 0 && answered.Count == results.Length;
            foreach (var error in counts.Errors.Take(5))
            {
                Console.WriteLine($"SOAK_NO_ANSWER_SAMPLE={error}");
            }

            return passed ? 0 : 1;
        }
        finally
        {
            host?.Kill();
            azurite.Dispose();
            if (passed)
            {
                data.Delete(recursive: true);
            }
            else
            {
                Console.WriteLine($"SOAK_KEPT={data.FullName} (storage data and host.log)");
            }
        }
    }

    private static async Task PrepareStorageAsync(string connectionString)
    {
        var clients = StorageClients.FromConnectionString(connectionString);
        var options = new RedeployOptions();
        var stacks = new TableStackStore(clients.Tables, options);
        await new StorageSetup(stacks, new RequestLog(clients.Tables, options), new RequestQueue(clients.Queues, options), new JobQueue(clients.Queues, options))
            .EnsureCreatedAsync(CancellationToken.None);
        await stacks.SaveAsync(
            new StoredStack(BenchHost.StackUid, BenchStacks.Docker(3), [new TokenHash(HookToken.Hash(BenchHost.Token))], SignedDeliveries.Secret, new Dictionary<string, string>()),
            CancellationToken.None);
    }

    /// <summary>One delivery, sent again with the same id until it is answered 2xx (or the run ends).</summary>
    private static async Task<(string RequestId, bool Answered2xx)> DeliverAsync(
        HttpClient http, Uri url, byte[] body, string deliveryId, AnswerCounts counts, CancellationToken giveUp)
    {
        var requestId = RequestIds.ForDelivery(BenchHost.StackUid, deliveryId);
        for (var attempt = 0; !giveUp.IsCancellationRequested; attempt++)
        {
            var status = await PostAsync(http, url, body, deliveryId, counts);
            counts.Add(status);
            if (status is HttpStatusCode.Accepted or HttpStatusCode.OK)
            {
                return (requestId, true);
            }

            await Task.Delay(RetryPause(attempt));
        }

        return (requestId, false);
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, Uri url, byte[] body, string deliveryId, AnswerCounts counts)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", deliveryId);
        request.Headers.Add("X-Hub-Signature-256", SignedDeliveries.Sign(body));
        try
        {
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            counts.Errors.Enqueue($"{e.GetType().Name}: {e.Message}");
            return 0;
        }
    }

    private static async Task ConsumeJobsAsync(string connectionString, ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> jobs, CancellationToken stop)
    {
        var queue = new QueueClient(connectionString, new RedeployOptions().JobQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10), stop)).Value;
                foreach (var message in messages)
                {
                    // Counted by queue message id: the same message seen again (storage restarted before the delete) is one job.
                    jobs.GetOrAdd(JobQueue.Deserialize(message.Body).JobId, _ => new()).TryAdd(message.MessageId, 0);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stop);
                }

                if (messages.Length == 0)
                {
                    await Task.Delay(100, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e.IsStorageFailure(stop))
            {
                await Task.Delay(250, CancellationToken.None);
            }
        }
    }

    private static async Task InjectFaultsAsync(
        TimeSpan run, long start, Func<AzuriteProcess> azurite, Action<AzuriteProcess> setAzurite, Func<Task> killAndRestartHost,
        Func<int> hostProcessId, TcpProxy tableProxy, TcpProxy queueProxy, string root, int blobPort, int queuePort, int tablePort, string data)
    {
        async Task At(double fraction, string what)
        {
            var wait = (run * fraction) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            Console.WriteLine($"SOAK_FAULT t={Stopwatch.GetElapsedTime(start).TotalSeconds:F1}s {what}");
        }

        await At(0.15, "storage paused (SIGSTOP) for 6 s");
        Signals.Send(azurite().ProcessId, "STOP");
        await Task.Delay(TimeSpan.FromSeconds(6));
        Signals.Send(azurite().ProcessId, "CONT");

        await At(0.35, "host killed (SIGKILL) and restarted");
        await killAndRestartHost();
        Console.WriteLine($"SOAK_FAULT t={Stopwatch.GetElapsedTime(start).TotalSeconds:F1}s host serving again");

        await At(0.55, "storage ended (SIGTERM) and restarted on its data");
        // Azurite writes its data to disk every few seconds, not on each write, so a restart loses the writes it
        // acknowledged just before (jobs sent a moment before the SIGTERM were lost by the emulator, their rows kept):
        // real storage never does. The host is held (SIGSTOP) past Azurite's 5 s save before the restart, and released
        // once storage is back, so the fault is still a restart under the host's open connections and in-flight work.
        var heldHost = hostProcessId();
        Signals.Send(heldHost, "STOP");
        await Task.Delay(TimeSpan.FromSeconds(6));
        Signals.Send(azurite().ProcessId, "TERM");
        azurite().WaitForExit(TimeSpan.FromSeconds(20));
        azurite().Dispose();
        setAzurite(await AzuriteProcess.StartAsync(root, blobPort, queuePort, tablePort, data));
        Signals.Send(heldHost, "CONT");
        Console.WriteLine($"SOAK_FAULT t={Stopwatch.GetElapsedTime(start).TotalSeconds:F1}s storage serving again");

        await At(0.75, "storage connections delayed 5 s per chunk for 6 s, then reset for 3 s");
        tableProxy.Set(ProxyMode.Delay);
        queueProxy.Set(ProxyMode.Delay);
        await Task.Delay(TimeSpan.FromSeconds(6));
        tableProxy.Set(ProxyMode.Reset);
        queueProxy.Set(ProxyMode.Reset);
        await Task.Delay(TimeSpan.FromSeconds(3));
        tableProxy.Set(ProxyMode.Pass);
        queueProxy.Set(ProxyMode.Pass);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class AnswerCounts
    {
        private int posts, accepted, duplicate, unavailable, noAnswer, other;

        public ConcurrentQueue<string> Errors { get; } = new();

        public ConcurrentQueue<int> OtherStatuses { get; } = new();

        public int Posts => posts;

        public int Accepted => accepted;

        public int Duplicate => duplicate;

        public int Unavailable => unavailable;

        public int NoAnswer => noAnswer;

        public int Other => other;

        public void Add(HttpStatusCode status)
        {
            Interlocked.Increment(ref posts);
            switch (status)
            {
                case HttpStatusCode.Accepted:
                    Interlocked.Increment(ref accepted);
                    break;
                case HttpStatusCode.OK:
                    Interlocked.Increment(ref duplicate);
                    break;
                case HttpStatusCode.ServiceUnavailable:
                    Interlocked.Increment(ref unavailable);
                    break;
                case 0:
                    Interlocked.Increment(ref noAnswer);
                    break;
                default:
                    Interlocked.Increment(ref other);
                    OtherStatuses.Enqueue((int)status);
                    break;
            }
        }
    }
}
