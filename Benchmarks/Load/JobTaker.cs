using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Azure.Storage.Queues;
using Redeploy.Core.Storage;

namespace Redeploy.Benchmarks.Load;

/// <summary>
/// The load run's deployer for the phases without a driver of their own: takes every job off <c>deployment-jobs</c> as it
/// comes (receive 32, delete them), as a deployer would. Left on the queue, the jobs would make every queue call of the
/// emulator slower, as Azurite's peek and receive cost in proportion to the messages of all its queues
/// (docs/PERFORMANCE.md). Runs until SIGTERM; writes JOBS_TAKEN (copies included) and JOBS_DISTINCT to --out every second.
/// </summary>
public static class JobTaker
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var jobs = new QueueClient(options.Required("storage"), "deployment-jobs", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await jobs.CreateIfNotExistsAsync();
        var outFile = options.Required("out");
        using var stop = new CancellationTokenSource();
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });

        var copies = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var taking = TakeAsync(jobs, copies, stop.Token);
        while (!taking.IsCompleted)
        {
            Write(outFile, copies);
            await Task.WhenAny(taking, Task.Delay(1000));
        }

        await taking;
        Write(outFile, copies);
        return 0;
    }

    private static async Task TakeAsync(QueueClient jobs, ConcurrentDictionary<string, int> copies, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var messages = (await jobs.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), stop)).Value;
                foreach (var message in messages)
                {
                    copies.AddOrUpdate(JobQueue.Deserialize(message.Body).JobId, 1, static (_, n) => n + 1);
                }

                await Task.WhenAll(messages.Select(m => jobs.DeleteMessageAsync(m.MessageId, m.PopReceipt, CancellationToken.None)));
                if (messages.Length == 0)
                {
                    await Task.Delay(50, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or AggregateException or OperationCanceledException)
            {
                // A slow or failing emulator: a deployer tries again.
                Console.Error.WriteLine($"take-jobs: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
        }
    }

    private static void Write(string path, ConcurrentDictionary<string, int> copies)
    {
        var snapshot = copies.ToArray();
        File.WriteAllText(path + ".tmp", $"JOBS_TAKEN={snapshot.Sum(pair => pair.Value)}\nJOBS_DISTINCT={snapshot.Length}\n");
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
